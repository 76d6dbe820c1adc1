//! The `heaplab` command: argument parsing only; each subcommand lives in its own module.

mod alloc_bench;
mod format;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// heaplab: a research harness for memory allocators and garbage collectors, built on
/// CPython's memory design.
#[derive(Parser)]
#[command(name = "heaplab", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run allocation patterns on each allocator strategy and compare them side by side.
    AllocBench(alloc_bench::Args),
}

// The harness's own memory (traces, tables, output) comes from mimalloc, leaving glibc's
// malloc to the `system` strategy alone, whose reserve is read from glibc's
// process-wide counters. The `mimalloc` strategy measures only its private heap.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::AllocBench(args) => alloc_bench::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("heaplab: error: {}", e.message);
            ExitCode::from(e.status)
        }
    }
}

/// A failed command: what to tell the user, and the exit status (2 for bad arguments or
/// input, as clap uses; 1 when the work itself failed).
pub struct Failure {
    message: String,
    status: u8,
}

impl Failure {
    /// Bad arguments or input: exit status 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            status: 2,
        }
    }

    /// The work failed: exit status 1.
    pub fn runtime(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            status: 1,
        }
    }
}
