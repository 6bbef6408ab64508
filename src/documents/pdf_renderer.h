// The PDF implementation of the document port (DESIGN §1, SPEC WS-4, WS-5, ATT-1, PPAIP-10,
// PPAIP-16): A4 portrait, cairo + pango, DejaVu Sans, QR codes (qr_encode.cc). Each method lives
// in the file of its document family (attendance_sheets.cc, convocation.cc, calendar_letter.cc,
// bilan.cc). Stateless; one renderer may serve several threads.
#pragma once

#include "app/documents.h"

namespace parcours {

class PdfRenderer final : public DocumentRenderer {
 public:
  RenderedPdf individual_sheet(const IndividualAttendanceSheet& d) override;
  RenderedPdf collective_sheet(const CollectiveAttendanceSheet& d) override;
  RenderedPdf convocation(const Convocation& d) override;
  RenderedPdf convocation_letters(const ConvocationLetters& d) override;
  RenderedPdf establishment_list(const EstablishmentList& d) override;
  RenderedPdf calendar(const CalendarLetter& d) override;
  RenderedPdf bilan(const BilanDocument& d) override;
};

}  // namespace parcours
