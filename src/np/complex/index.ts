// Complex numbers: parts, angle, the Complex scalar (docs/complex.md).
import './methods.js';

export { Complex } from '../../core/complex.js';
export {
  real, imag, angle, iscomplexobj, isrealobj, iscomplex, isreal, real_if_close, sort_complex, complex, complexPartOp,
} from './parts.js';
export { conjugate, conj } from '../math/conjugate.js';
