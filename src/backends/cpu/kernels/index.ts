// CPU kernels of opaque ops, one file per op; importing this registers them all.
import './sort.js';
import './argreduce.js';
import './scan.js';
import './quantile.js';
import './searchsorted.js';
import './nonzero.js';
import './unique.js';
import './isin.js';
import './histogram.js';
import './random.js';
import './matmul.js';
import './linalg.js';
import './concatenate.js';
import './repeat.js';
import './gather.js';
import './fft.js';
import './view_grad.js';
