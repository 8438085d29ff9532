/*
 * oneMKL's vendor check, answered "yes" on every x86-64 CPU.
 *
 * PyTorch's CPU build links oneMKL 2024.0 into libtorch_cpu.so and routes float32 matrix products
 * (torch.mm, bmm, addmm: our masked Gram matrices) to its sgemm. oneMKL picks a kernel by CPU
 * features only after mkl_serv_intel_cpu_true() says the vendor is Intel; on an AMD CPU it falls
 * back to a generic AVX2 path whatever the CPU supports. On the 2-core AMD EPYC (Zen 5, AVX-512)
 * we measure on, that path runs a 1024^3 sgemm in 12.2 ms; with this function preloaded it takes
 * 5.6 ms, and the Gram products of an evaluation run about twice as fast. Feature detection is
 * untouched: oneMKL still asks CPUID which instruction sets exist, so a CPU without AVX-512 gets
 * the AVX2 kernel. Convolutions go through oneDNN, which has no vendor check.
 *
 * libtorch_cpu.so exports the symbol and calls it through its PLT, so a library that defines it
 * and is loaded first (LD_PRELOAD) takes its place. The launcher (./photostyle) builds this file
 * with the system's C compiler and preloads it on AMD CPUs; PHOTOSTYLE_MKL_DISPATCH=vendor turns
 * it off. The same workaround is widely used for numpy/PyTorch on AMD ("fakeintel").
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
