use std::process::ExitCode;

/// jemalloc: reading a library allocates hundreds of thousands of small strings
/// on every core, where the system allocator is markedly slower, and of the
/// fast allocators it leaves the reader the least memory (see README,
/// "Performance"; its options are set for the build in `.cargo/config.toml`).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    brief::time::mark_start();
    brief::cli::main()
}
