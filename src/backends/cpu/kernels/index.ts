// CPU kernels of opaque ops, one file per op; importing this registers them all.
import './sort.js';
