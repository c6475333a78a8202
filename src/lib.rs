//! `brief`: a terminal reader for Chinese briefings.
//!
//! The domain modules (`briefing`) know nothing of the terminal; the CLI in `cli`
//! ties them to the command line.

pub mod action;
pub mod article;
pub mod atomic;
pub mod briefing;
pub mod cli;
pub mod config;
pub mod drafts;
pub mod export;
pub mod layout;
pub mod ledger;
pub mod ledger_export;
pub mod library;
pub mod loader;
pub mod messages;
#[cfg(feature = "tui")]
pub mod reader;
pub mod samples;
pub mod search;
pub mod show;
pub mod store;
#[cfg(feature = "tui")]
pub mod terminal;
pub mod time;
#[cfg(feature = "tui")]
pub mod tui;
#[cfg(feature = "tui")]
pub mod ui;
#[cfg(feature = "tui")]
pub mod watch;
