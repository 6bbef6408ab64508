#include "notify/smtp_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

#include <date/date.h>

namespace parcours::mail {
namespace {

constexpr std::size_t kMaxLine = 76;  // RFC 2045 §6.7 (5), RFC 2047 §2

const char kHex[] = "0123456789ABCDEF";

std::string base64(const std::string& in) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? alphabet[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? alphabet[v & 63] : '=';
  }
  return out;
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The longest prefix of text[from…] of at most `max_bytes` bytes that does not cut a UTF-8
// sequence (at least one character, so that the caller always progresses).
std::size_t utf8_chunk(const std::string& text, std::size_t from, std::size_t max_bytes) {
  std::size_t end = std::min(text.size(), from + max_bytes);
  while (end > from + 1 && end < text.size() && is_continuation(text[end])) --end;
  if (end == from + 1)  // a single character longer than max_bytes: take it whole
    while (end < text.size() && is_continuation(text[end])) ++end;
  return end - from;
}

// The input split into lines; "\r\n", "\n" and a lone "\r" all end a line.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      lines.emplace_back();
    } else {
      lines.back() += c;
    }
  }
  return lines;
}

// One input line as quoted-printable output lines joined by soft breaks.
std::string qp_line(const std::string& line) {
  std::string out;
  std::size_t width = 0;  // characters on the current output line
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    bool last = i + 1 == line.size();
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    if (i == 0 && c == '.') literal = false;
    std::string token = literal ? std::string(1, static_cast<char>(c))
                                : std::string{'=', kHex[c >> 4], kHex[c & 15]};
    // Room for the token, plus the "=" of a soft break unless the line ends with it.
    std::size_t limit = last ? kMaxLine : kMaxLine - 1;
    if (width + token.size() > limit) {
      out += "=\r\n";
      width = 0;
    }
    out += token;
    width += token.size();
  }
  return out;
}

bool is_plain_phrase(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 32 && u < 127 && c != '"' && c != '\\';
  });
}

bool is_safe_address(const std::string& a) {
  if (a.empty() || a.find('@') == std::string::npos) return false;
  return std::none_of(a.begin(), a.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 33 || u == 127 || c == '<' || c == '>' || c == ',' || c == '"';
  });
}

std::string rfc5322_date(Instant t) {
  return date::format("%a, %d %b %Y %H:%M:%S +0000", t);
}

std::string message_id(const SmtpConfig& config, const OutboxEmail& e) {
  auto at = config.from_address.find('@');
  std::string domain =
      at == std::string::npos ? "parcours.invalid" : config.from_address.substr(at + 1);
  return "<parcours." + std::to_string(e.id) + "." +
         std::to_string(e.created_at.time_since_epoch().count()) + "@" + domain + ">";
}

// ---- libcurl -------------------------------------------------------------------------------

struct Upload {
  const std::string& data;
  std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, up->data.size() - up->pos);
  std::memcpy(buffer, up->data.data() + up->pos, n);
  up->pos += n;
  return n;
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool is_unreachable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_GOT_NOTHING:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return true;
    default:
      return false;
  }
}

Error curl_error(CURL* curl, CURLcode code, const char* detail) {
  std::string reason = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  long smtp_code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtp_code);
  if (is_unreachable(code)) return unavailable("Serveur de courriel injoignable : " + reason);
  std::string text = "Le serveur de courriel a refusé le message : " + reason;
  if (smtp_code > 0) text += " (code " + std::to_string(smtp_code) + ")";
  return unavailable(text);
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

}  // namespace

std::string quoted_printable(const std::string& text) {
  if (text.empty()) return {};
  std::string out;
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\r\n";
    out += qp_line(lines[i]);
  }
  return out;
}

std::string encoded_words(const std::string& text, const std::string& header_name) {
  constexpr std::size_t kWrap = 12;  // "=?UTF-8?B?" and "?="
  std::string out;
  std::size_t used = header_name.size() + 2;  // "Subject: "
  std::size_t pos = 0;
  do {
    std::size_t room = kMaxLine > used + kWrap ? kMaxLine - used - kWrap : 4;
    std::size_t bytes = std::max<std::size_t>(room / 4 * 3, 3);
    std::size_t n = utf8_chunk(text, pos, bytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(pos, n)) + "?=";
    pos += n;
    used = 1;  // the folding space
  } while (pos < text.size());
  return out;
}

Result<std::string> build_message(const SmtpConfig& config, const OutboxEmail& e, Instant date) {
  if (!is_safe_address(e.to_address))
    return invalid("Adresse de courriel du destinataire invalide : « " + e.to_address + " ».");
  if (!is_safe_address(config.from_address))
    return invalid("Adresse d’expédition invalide : « " + config.from_address +
                   " » (option --mail-from).");
  std::string from_name = config.from_name.empty() ? "Parcours" : config.from_name;
  std::string from =
      is_plain_phrase(from_name) ? "\"" + from_name + "\"" : encoded_words(from_name, "From");
  std::string m;
  m += "Date: " + rfc5322_date(date) + "\r\n";
  m += "From: " + from + " <" + config.from_address + ">\r\n";
  m += "To: <" + e.to_address + ">\r\n";
  m += "Subject: " + encoded_words(e.subject, "Subject") + "\r\n";
  m += "Message-ID: " + message_id(config, e) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: quoted-printable\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "\r\n";
  m += quoted_printable(e.body);
  m += "\r\n";
  return m;
}

SmtpTransport::SmtpTransport(SmtpConfig config) : config_(std::move(config)) {
  init_curl_once();
}

Status SmtpTransport::send(const OutboxEmail& e) {
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto message = build_message(config_, e, now);
  if (!message.ok()) return unavailable(message.error().message);
  CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return unavailable("Serveur de courriel injoignable : libcurl n’a pas pu démarrer.");
  std::string from = "<" + config_.from_address + ">";
  CurlList rcpt(curl_slist_append(nullptr, ("<" + e.to_address + ">").c_str()),
                &curl_slist_free_all);
  Upload upload{*message};
  char detail[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!config_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message->size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, config_.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // several threads; timeouts without SIGALRM
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return curl_error(c, code, detail);
  return {};
}

}  // namespace parcours::mail
