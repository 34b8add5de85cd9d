/**
 * Registers the dialogs, `<image-detail>` and `<image-pair>`: one chunk that `run-comparer/define.ts`
 * (and so the package entry) loads on first use.
 */
import '../image-detail/define.js';
import '../image-pair/define.js';
