// Complex numbers: parts, angle, the Complex scalar (docs/complex.md).
import './methods.js';

export { Complex } from '../../core/complex.js';
export { real, imag, angle, iscomplexobj, isrealobj, complex, complexPartOp } from './parts.js';
export { conjugate, conj } from '../math/conjugate.js';
