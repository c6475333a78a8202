use std::process::ExitCode;

/// mimalloc: parsing a large briefing allocates hundreds of thousands of small
/// strings on every core, where it is markedly faster than the system allocator
/// (see README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    brief::time::mark_start();
    brief::cli::main()
}
