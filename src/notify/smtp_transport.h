// E-mail delivery by SMTP with libcurl (DESIGN §1 notify/, SPEC DL-2): implements the
// MailTransport port of app/notifications.h. One connection per e-mail; the worker that calls
// it (deliver_due_emails) records every attempt and retries later, so a server that is down
// only delays e-mails.
#pragma once

#include <string>

#include "app/notifications.h"

namespace parcours::mail {

struct SmtpConfig {
  // smtp://host:port (STARTTLS when the server offers it) or smtps://host:port (TLS).
  std::string url;
  std::string username;  // empty: no authentication
  std::string password;
  std::string from_address;  // envelope sender and From:, e.g. parcours@spip.justice.fr
  std::string from_name = "Parcours";
  long connect_timeout_seconds = 5;
  long timeout_seconds = 30;
};

class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpConfig config);
  // unavailable with a French reason: "Serveur de courriel injoignable : …" when it cannot be
  // reached, "Le serveur de courriel a refusé le message : …" when it answered no.
  Status send(const OutboxEmail& e) override;

 private:
  SmtpConfig config_;
};

// ---- Message building (RFC 5322, MIME), exposed for tests --------------------------------

// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: line breaks become CRLF, encoded lines are at
// most 76 characters (soft breaks "="), spaces and tabs before a line break are encoded, and a
// line starting with "." is encoded too (=2E) for relays that do not dot-stuff.
std::string quoted_printable(const std::string& text);

// An unstructured header value as RFC 2047 encoded words (UTF-8, base64), folded so that no
// line is longer than 76 characters once prefixed by `header_name` and ": ".
std::string encoded_words(const std::string& text, const std::string& header_name);

// The whole message: headers, blank line, quoted-printable body; CRLF line ends. The
// Message-ID is derived from the outbox id and creation time, so a retry carries the same one.
// Refuses an address holding a line break or angle brackets (header injection).
Result<std::string> build_message(const SmtpConfig& config, const OutboxEmail& e, Instant date);

}  // namespace parcours::mail
