/**
 * Registers the dialogs, `<image-detail>` and `<image-pair>`, and `<image-evolution>` (which loads
 * images as they do): one chunk that `run-comparer/define.ts` and the package entry load on first use.
 */
import '../image-detail/define.js';
import '../image-pair/define.js';
import '../image-evolution/define.js';
