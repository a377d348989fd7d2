//! Use cases, one function each: they take the caller and a typed input, own their
//! transaction and write their audit event. Server functions, plain routes and the command
//! line call these; none implements a use case of its own.

pub mod audit;
pub mod measure;
