#include "http/static_files.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "http/request_guard.h"

namespace parcours::http {
namespace {

namespace fs = std::filesystem;

// Files above this size are not kept in memory (none of the assets comes close).
constexpr std::uintmax_t kMaxCachedBytes = 8 * 1024 * 1024;
const char* const kImmutable = "public, max-age=31536000, immutable";

std::string type_of(const std::string& file) {
  static const std::map<std::string, std::string> types = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".html", "text/html; charset=utf-8"},
      {".pdf", "application/pdf"},
  };
  auto it = types.find(fs::path(file).extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

bool compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0 ||
         type == "image/svg+xml";
}

std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return {};
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string http_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// Whether Accept-Encoding lists gzip (or *) with a weight above zero (« gzip;q=0 » refuses it).
bool accepts_gzip(const Request& r) {
  const std::string accepted = r.get_header_value("Accept-Encoding");
  std::size_t pos = 0;
  while (pos < accepted.size()) {
    auto end = accepted.find(',', pos);
    if (end == std::string::npos) end = accepted.size();
    std::string item = accepted.substr(pos, end - pos);
    pos = end + 1;
    item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
    const auto semi = item.find(';');
    const std::string coding = item.substr(0, semi);
    if (coding != "gzip" && coding != "*") continue;
    const auto q = item.find("q=", semi == std::string::npos ? item.size() : semi);
    return q == std::string::npos || std::strtod(item.c_str() + q + 2, nullptr) > 0.0;
  }
  return false;
}

// A request path made of plain segments, no « .. », no backslash, no NUL.
bool safe_relative(const std::string& rel) {
  if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos) return false;
  std::size_t pos = 0;
  while (pos <= rel.size()) {
    auto end = rel.find('/', pos);
    if (end == std::string::npos) end = rel.size();
    const std::string segment = rel.substr(pos, end - pos);
    if (segment == ".." || segment == ".") return false;
    pos = end + 1;
  }
  return true;
}

std::optional<std::size_t> parse_size(const std::string& s) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return {};
  return static_cast<std::size_t>(std::stoull(s));
}

}  // namespace

std::optional<ByteRange> single_range(const std::string& header, std::size_t size,
                                      bool* unsatisfiable) {
  *unsatisfiable = false;
  if (header.rfind("bytes=", 0) != 0) return std::nullopt;
  const std::string spec = header.substr(6);
  const std::size_t asked = 1 + static_cast<std::size_t>(std::count(spec.begin(), spec.end(), ','));
  if (!guard::serve_ranges(asked)) return std::nullopt;
  auto dash = spec.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto first = parse_size(spec.substr(0, dash));
  auto last = parse_size(spec.substr(dash + 1));
  if (!first && last) {  // the last N bytes
    if (*last == 0) return std::nullopt;
    const std::size_t n = std::min(*last, size);
    return ByteRange{size - n, n};
  }
  if (!first) return std::nullopt;
  if (*first >= size) {
    *unsatisfiable = true;
    return std::nullopt;
  }
  std::size_t end = last ? std::min(*last, size - 1) : size - 1;
  if (end < *first) return std::nullopt;
  return ByteRange{*first, end - *first + 1};
}

void StaticFiles::mount(std::string prefix, std::string directory, std::string cache_control) {
  mounts_.push_back({std::move(prefix), std::move(directory), std::move(cache_control)});
  std::sort(mounts_.begin(), mounts_.end(),
            [](const Mount& a, const Mount& b) { return a.prefix.size() > b.prefix.size(); });
}

const std::string& StaticFiles::fingerprint() {
  std::lock_guard lock(mutex_);
  if (!fingerprint_.empty()) return fingerprint_;
  std::uint32_t hash = 2166136261u;  // FNV-1a over names, sizes and times
  auto mix = [&hash](const std::string& s) {
    for (unsigned char c : s) hash = (hash ^ c) * 16777619u;
  };
  for (const auto& m : mounts_) {
    std::error_code ec;
    std::vector<std::string> lines;
    for (fs::recursive_directory_iterator it(m.directory, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      struct stat st {};
      if (::stat(it->path().c_str(), &st) != 0) continue;
      lines.push_back(fmt::format("{}:{}:{}", it->path().string(), st.st_size, st.st_mtime));
    }
    std::sort(lines.begin(), lines.end());
    for (const auto& l : lines) mix(l);
  }
  fingerprint_ = fmt::format("{:08x}", hash);
  return fingerprint_;
}

const StaticFiles::Mount* StaticFiles::mount_of(const std::string& path) const {
  for (const auto& m : mounts_)
    if (path.size() > m.prefix.size() && path.compare(0, m.prefix.size(), m.prefix) == 0 &&
        path[m.prefix.size()] == '/')
      return &m;
  return nullptr;
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::load(const std::string& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::uintmax_t>(st.st_size) > kMaxCachedBytes)
    return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(file);
    if (it != cache_.end() && it->second->mtime == st.st_mtime &&
        it->second->size == static_cast<std::uintmax_t>(st.st_size))
      return it->second;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream content;
  content << in.rdbuf();
  auto entry = std::make_shared<Entry>();
  entry->mtime = st.st_mtime;
  entry->size = static_cast<std::uintmax_t>(st.st_size);
  entry->content = content.str();
  entry->type = type_of(file);
  entry->etag = fmt::format("\"{:x}-{:x}\"", entry->size, entry->mtime);
  entry->last_modified = http_date(st.st_mtime);
  if (compressible(entry->type) && entry->content.size() > 512) {
    std::string z = gzip(entry->content);
    if (!z.empty() && z.size() < entry->content.size() * 9 / 10) entry->gzip = std::move(z);
  }
  std::lock_guard lock(mutex_);
  cache_[file] = entry;
  return entry;
}

bool StaticFiles::serve(const Request& request, Response& response) {
  const Mount* m = mount_of(request.path);
  if (!m) return false;
  const std::string rel = request.path.substr(m->prefix.size() + 1);
  if (rel.empty() || !safe_relative(rel)) return false;
  auto entry = load(m->directory + "/" + rel);
  if (!entry) return false;
  const bool fingerprinted =
      request.has_param("v") && request.get_param_value("v") == fingerprint();
  response.set_header("Cache-Control", fingerprinted ? kImmutable : m->cache_control);
  const bool gzipped =
      !entry->gzip.empty() && accepts_gzip(request) && !request.has_header("Range");
  // Each representation has its own tag (the compressed bytes differ from the file's).
  const std::string etag =
      gzipped ? entry->etag.substr(0, entry->etag.size() - 1) + "-gz\"" : entry->etag;
  response.set_header("ETag", etag);
  response.set_header("Last-Modified", entry->last_modified);
  response.set_header("Accept-Ranges", "bytes");
  if (!entry->gzip.empty()) response.set_header("Vary", "Accept-Encoding");
  const std::string if_none_match = request.get_header_value("If-None-Match");
  const bool not_modified =
      !if_none_match.empty()
          ? if_none_match.find(etag) != std::string::npos || if_none_match == "*"
          : request.get_header_value("If-Modified-Since") == entry->last_modified;
  if (not_modified) {
    response.status = 304;
    return true;
  }
  const std::string range = request.get_header_value("Range");
  if (!range.empty()) {
    bool unsatisfiable = false;
    auto r = single_range(range, entry->content.size(), &unsatisfiable);
    if (unsatisfiable) {
      response.status = 416;
      response.set_header("Content-Range", fmt::format("bytes */{}", entry->content.size()));
      return true;
    }
    if (r) {
      response.status = 206;
      response.set_header(
          "Content-Range",
          fmt::format("bytes {}-{}/{}", r->first, r->first + r->length - 1, entry->content.size()));
      response.set_content(entry->content.substr(r->first, r->length), entry->type);
      return true;
    }
  }
  if (gzipped) {
    response.set_header("Content-Encoding", "gzip");
    response.set_content(entry->gzip, entry->type);
  } else {
    response.set_content(entry->content, entry->type);
  }
  return true;
}

}  // namespace parcours::http
