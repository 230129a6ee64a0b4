//! dbtool's integration tests: one binary, a module per command. Tests drive
//! the real `dbtool` binary against a real PostgreSQL and a local moto server.

mod access;
mod aurora;
mod aws;
mod cli;
mod cname;
mod common;
mod config;
mod connect;
mod deploy;
mod doctor;
mod dump;
mod errors;
mod generated;
mod lint;
mod logs;
mod migrate;
mod proxy;
mod rehearsal;
mod restore;
mod roles;
mod sandbox;
mod secrets;
mod snapshot;
mod testkit;
mod trace;
mod upgrade;
