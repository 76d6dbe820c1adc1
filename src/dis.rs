//! `heaplab dis FILE.py`: print the bytecode of every code object in the program.

use crate::{program, Failure};

/// Arguments of `heaplab dis`.
#[derive(clap::Args)]
pub struct Args {
    /// The program to disassemble.
    file: String,
}

/// Disassemble the program.
pub fn run(args: &Args) -> Result<(), Failure> {
    let source = program::read(&args.file)?;
    let code = program::compile(&source, &args.file)?;
    print!("{}", vm::dis::disassemble(&code));
    Ok(())
}
