package dev.swarmledger.trainer.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A seccomp filter (classic BPF, as bwrap's {@code --seccomp} loads it) that lets the child JVM
 * start threads but not processes, nor new namespaces, nor reach into other processes. Without it
 * the child could start the one program it can see, {@code java}, or fork from native code. x86-64
 * only; elsewhere containment runs without it.
 */
final class SyscallFilter {
  private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
  private static final int X32_SYSCALL_BIT = 0x40000000;
  private static final int CLONE_THREAD = 0x00010000;
  private static final int CLONE = 56;

  /**
   * Refused with EPERM: new processes, namespaces, other processes' memory, kernel attack surface.
   */
  private static final int[] REFUSED = {
    57, // fork
    58, // vfork
    101, // ptrace
    272, // unshare
    308, // setns
    310, // process_vm_readv
    311, // process_vm_writev
    298, // perf_event_open
    321, // bpf
    425, // io_uring_setup
  };

  /**
   * clone3 passes its flags in memory a filter cannot read; ENOSYS makes glibc fall back to clone.
   */
  private static final int CLONE3 = 435;

  private static final int RET_ALLOW = 0x7fff0000;
  private static final int RET_KILL_PROCESS = 0x80000000;
  private static final int RET_EPERM = 0x00050000 | 1;
  private static final int RET_ENOSYS = 0x00050000 | 38;

  private static final short LD_W_ABS = 0x20;
  private static final short JEQ_K = 0x15;
  private static final short JGE_K = 0x35;
  private static final short JSET_K = 0x45;
  private static final short RET_K = 0x06;

  private static volatile Optional<Path> installed;

  private SyscallFilter() {}

  /** The filter written to a file for this JVM's children, where the CPU has one. */
  static synchronized Optional<Path> installed() {
    if (installed == null) {
      if (!System.getProperty("os.arch").equals("amd64")) {
        installed = Optional.empty();
      } else {
        try {
          Path file = Files.createTempFile("swarm-seccomp-", ".bpf");
          file.toFile().deleteOnExit();
          Files.write(file, x86_64());
          installed = Optional.of(file);
        } catch (IOException e) {
          installed = Optional.empty();
        }
      }
    }
    return installed;
  }

  /** The program, as {@code struct sock_filter} records in this machine's byte order. */
  static byte[] x86_64() {
    List<int[]> program = new ArrayList<>();
    // Indices of the four return instructions at the end, filled in once the length is known.
    int checks = 5 + REFUSED.length + 3;
    int allow = checks;
    int eperm = checks + 1;
    int enosys = checks + 2;
    int kill = checks + 3;
    program.add(new int[] {LD_W_ABS, 0, 0, 4}); // arch
    program.add(jump(JEQ_K, AUDIT_ARCH_X86_64, program.size(), program.size() + 1, kill));
    program.add(new int[] {LD_W_ABS, 0, 0, 0}); // syscall number
    program.add(jump(JGE_K, X32_SYSCALL_BIT, program.size(), eperm, program.size() + 1));
    program.add(jump(JEQ_K, CLONE3, program.size(), enosys, program.size() + 1));
    for (int refused : REFUSED) {
      program.add(jump(JEQ_K, refused, program.size(), eperm, program.size() + 1));
    }
    program.add(jump(JEQ_K, CLONE, program.size(), program.size() + 1, allow));
    program.add(new int[] {LD_W_ABS, 0, 0, 16}); // low half of clone's flags
    program.add(jump(JSET_K, CLONE_THREAD, program.size(), allow, eperm));
    if (program.size() != checks) {
      throw new IllegalStateException("filter layout changed: " + program.size());
    }
    program.add(new int[] {RET_K, 0, 0, RET_ALLOW});
    program.add(new int[] {RET_K, 0, 0, RET_EPERM});
    program.add(new int[] {RET_K, 0, 0, RET_ENOSYS});
    program.add(new int[] {RET_K, 0, 0, RET_KILL_PROCESS});
    ByteBuffer bytes = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.nativeOrder());
    for (int[] instruction : program) {
      bytes.putShort((short) instruction[0]);
      bytes.put((byte) instruction[1]);
      bytes.put((byte) instruction[2]);
      bytes.putInt(instruction[3]);
    }
    return bytes.array();
  }

  /** A conditional jump at {@code at} to absolute targets (BPF jumps are relative). */
  private static int[] jump(short code, int value, int at, int ifTrue, int ifFalse) {
    return new int[] {code, ifTrue - at - 1, ifFalse - at - 1, value};
  }
}
