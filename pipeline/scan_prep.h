// Scan preprocessing with Leptonica, between a page image and Tesseract: background
// normalisation and Otsu binarisation (for uneven lighting and yellowed paper), deskew, and
// despeckle, and blank margins cut off; Tesseract gets the cleaned grey page (its LSTM reads grey
// levels). Turning pages upright is the OCR stage's work (Tesseract's orientation detection).
// Must not OCR, and must not keep state between pages: one call, one page, any thread.
#pragma once

#include "pipeline/page_image.h"

namespace papers {

struct PreparedScan {
  PixPtr pix;                // 8-bit grey, background flattened, deskewed, specks removed,
                             // cut to its content plus a fifth of an inch
  double skew_degrees = 0;   // the skew found and removed (0 when none was sure)
};

// grey: an 8-bit page image at dpi. Returns nullptr in pix only when Leptonica runs out of memory.
PreparedScan prepare_scan(Pix* grey, int dpi);

}  // namespace papers
