#include "documents/paginate.h"

#include <algorithm>
#include <utility>

namespace parcours::pdf {
namespace {

// The height slice `i` needs at the bottom of a page: itself and the chain it keeps with.
double chain_height(const std::vector<Slice>& slices, std::size_t i) {
  double total = slices[i].height;
  while (slices[i].keep_with_next && i + 1 < slices.size()) {
    ++i;
    if (slices[i].break_before || slices[i].sets_running_head) break;
    total += slices[i].height;
  }
  return total;
}

class Paginator {
 public:
  Paginator(const std::vector<Slice>& slices, double body_height)
      : slices_(slices), body_(body_height) {
    pages_.emplace_back();
  }

  std::vector<Page> run() {
    for (std::size_t i = 0; i < slices_.size(); ++i) place(i);
    return std::move(pages_);
  }

 private:
  bool page_empty() const { return pages_.back().placements.empty(); }

  void new_page() {
    pages_.push_back(Page{{}, head_});
    y_ = 0;
  }

  void put(std::size_t i) {
    pages_.back().placements.push_back({static_cast<int>(i), y_});
    y_ += slices_[i].height;
  }

  void place(std::size_t i) {
    const Slice& s = slices_[i];
    if (s.break_before && !page_empty()) new_page();
    if (s.sets_running_head) return set_head(s.running_head);
    if (s.collapsible) return place_space(s);
    const double header = s.repeat_header >= 0 ? slices_[s.repeat_header].height : 0;
    const double need = std::min(chain_height(slices_, i), body_ - header);
    if (y_ + need > body_ && !page_empty()) new_page();
    if (page_empty() && s.repeat_header >= 0) put(static_cast<std::size_t>(s.repeat_header));
    put(i);
  }

  void set_head(const std::string& line) {
    head_ = line;
    if (page_empty()) pages_.back().running_head = line;
  }

  void place_space(const Slice& s) {
    if (page_empty()) return;
    if (y_ + s.height > body_) return new_page();
    y_ += s.height;
  }

  const std::vector<Slice>& slices_;
  const double body_;
  std::vector<Page> pages_;
  std::string head_;
  double y_ = 0;
};

}  // namespace

std::vector<Page> paginate(const std::vector<Slice>& slices, double body_height) {
  return Paginator(slices, body_height).run();
}

}  // namespace parcours::pdf
