//! dbtool's integration tests: one binary, a module per command. Tests drive
//! the real `dbtool` binary against a real PostgreSQL and a local moto server.

mod aws;
mod cli;
mod common;
mod config;
mod connect;
mod doctor;
mod generated;
mod roles;
mod restore;
mod sandbox;
