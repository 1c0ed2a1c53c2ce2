// Pages OCR'd at once across the reader processes of one ingest (reader_process.h): each page
// image held for OCR takes a slot, so that however many readers are busy, and however many
// threads each has for its paper's pages, no more pages than the ingest has workers are in memory
// at once. A slot is a lock (flock) on one of the files of a folder the ingest makes; the kernel
// releases a process's locks when it dies, so a reader that crashes or is killed loses no slot.
// Without slots set (reading in-process, where oneTBB's threads already bound the pages) a
// PageSlot is taken at once and costs nothing.
// Must not be used for anything but bounding the pages in memory.
#pragma once

#include <chrono>
#include <string>

namespace papers {

// Makes a folder of count slot files for readers to share; "" when it cannot.
std::string make_page_slots(int count);
// Removes such a folder.
void remove_page_slots(const std::string& dir);
// Called once in a reader process, before any page is read: its pages take the slots of dir.
void use_page_slots(const std::string& dir, int count);

// One page's slot, held from construction to destruction; waits for a free one until deadline.
class PageSlot {
 public:
  explicit PageSlot(std::chrono::steady_clock::time_point deadline);
  ~PageSlot();
  PageSlot(const PageSlot&) = delete;
  PageSlot& operator=(const PageSlot&) = delete;
  // False when the deadline passed before a slot was free.
  bool held() const { return held_; }

 private:
  int fd_ = -1;
  bool held_ = false;
};

}  // namespace papers
