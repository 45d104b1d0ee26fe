// autograd: tape-based reverse mode (issue: autograd). The namespace exists so imports resolve;
// its functions arrive with the tape.
export {};
