// Static assets served like a static server (issue 13): files kept in memory with their gzip
// form (sent when the client accepts it), ETag and Last-Modified with 304 answers, one byte
// range at most (SEC-6), and long-lived immutable caching for fingerprinted URLs: an asset URL
// carrying `?v=` with the current fingerprint of the assets (see fingerprint()) never changes
// content, so browsers keep it a year without asking again.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace parcours::http {

class StaticFiles {
 public:
  // Files under `directory` answer under `prefix` (« /static/vendor/bootstrap »), with
  // `cache_control` unless the URL is fingerprinted. The longest matching prefix wins.
  void mount(std::string prefix, std::string directory, std::string cache_control);
  // A short hash of every mounted file (names, sizes, modification times), computed once:
  // asset URLs in pages end with « ?v= » and it.
  const std::string& fingerprint();
  // Answers a GET or HEAD under a mount point; false when the path is under none, or names no
  // readable regular file (the caller answers 404).
  bool serve(const Request& request, Response& response);

 private:
  struct Mount {
    std::string prefix;
    std::string directory;
    std::string cache_control;
  };
  struct Entry {
    std::int64_t mtime = 0;
    std::uintmax_t size = 0;
    std::string content;
    std::string gzip;  // empty when compression does not pay
    std::string etag;
    std::string last_modified;
    std::string type;
  };
  std::shared_ptr<const Entry> load(const std::string& file);
  const Mount* mount_of(const std::string& path) const;

  std::vector<Mount> mounts_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Entry>> cache_;
  std::string fingerprint_;
};

// Parses « bytes=first-last », « bytes=first- » or « bytes=-suffix » against a file of `size`
// bytes: the one range to send, or nothing when the header asks several ranges (the whole file
// is sent) or none that fits. `unsatisfiable` is set when the single range lies past the end.
struct ByteRange {
  std::size_t first = 0;
  std::size_t length = 0;
};
std::optional<ByteRange> single_range(const std::string& header, std::size_t size,
                                      bool* unsatisfiable);

}  // namespace parcours::http
