// The request and the answer as the page and API handlers see them: a small facade of our own,
// so that the server core underneath (http/server.h) can change without touching a handler.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace parcours::http {

// Header names compare without regard to case (RFC 9110 §5.1).
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};

using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

// One part of a multipart/form-data body.
struct FilePart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string content;
};
using FileParts = std::multimap<std::string, FilePart>;

struct Request {
  std::string method;
  std::string target;  // as sent: path and query
  std::string path;    // decoded path, without the query
  Headers headers;
  Params params;    // query parameters, then the fields of a url-encoded form
  FileParts files;  // the parts of a multipart/form-data body
  std::string body;
  std::vector<std::string> matches;  // the whole path, then the route pattern's groups
  std::string remote_addr;

  bool has_header(std::string_view name) const;
  // The value of the `index`-th occurrence of the header, "" when absent.
  std::string get_header_value(std::string_view name, std::size_t index = 0) const;
  bool has_param(std::string_view name) const;
  std::string get_param_value(std::string_view name, std::size_t index = 0) const;
  std::size_t get_param_value_count(std::string_view name) const;
  bool has_file(std::string_view name) const;
  // The part named `name`; an empty part when absent.
  const FilePart& get_file_value(std::string_view name) const;
  bool is_multipart_form_data() const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // The connection ends once this answer is sent (whatever follows on it cannot be trusted).
  bool close = false;

  void set_header(std::string name, std::string value);
  bool has_header(std::string_view name) const;
  std::string get_header_value(std::string_view name) const;
  void set_content(std::string content, std::string_view content_type);
};

}  // namespace parcours::http
