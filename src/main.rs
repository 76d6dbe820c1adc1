//! The `heaplab` command: argument parsing only; each subcommand lives in its own module.

mod alloc_bench;
mod dis;
mod format;
mod program;
mod run;

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
    /// Run a workload program on the gc heap.
    Run(run::Args),
    /// Print the bytecode of a program's code objects, like `python3 -m dis`.
    Dis(dis::Args),
}

// The harness's own memory (frames, tables, traces, output) comes from glibc through a
// counting allocator: little resident memory, and the `system` strategy can subtract it
// from glibc's process-wide counters (see allocator::harness).
#[global_allocator]
static GLOBAL: allocator::harness::Harness = allocator::harness::Harness;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::AllocBench(args) => alloc_bench::run(&args),
        Command::Dis(args) => dis::run(&args),
        Command::Run(args) => run::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.verbatim => {
            eprint!("{}", e.message);
            ExitCode::from(e.status)
        }
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
    /// The message is a complete report (a traceback, a syntax error as CPython prints
    /// it), printed as it is.
    verbatim: bool,
}

impl Failure {
    /// Bad arguments or input: exit status 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            status: 2,
            verbatim: false,
        }
    }

    /// The work failed: exit status 1.
    pub fn runtime(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            status: 1,
            verbatim: false,
        }
    }

    /// A complete report, printed as it is, with this exit status.
    pub fn report(report: String, status: u8) -> Self {
        Failure {
            message: report,
            status,
            verbatim: true,
        }
    }
}
