//! Server integration tests: the real router on 127.0.0.1:0, a fresh database each.

mod accounts;
mod call;
mod cli;
mod clock;
mod dashboard;
mod demo;
mod durability;
mod evidence;
mod harness;
mod history;
mod import;
mod lock;
mod logs;
mod matrix;
mod measures;
mod my;
mod nullable_floats;
mod operations;
mod outage;
mod outbox;
mod page;
mod pages;
mod review;
mod see;
mod smtp;
mod status;
