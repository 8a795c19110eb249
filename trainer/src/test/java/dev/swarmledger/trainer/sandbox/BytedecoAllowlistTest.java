package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.sandbox.BytedecoApi.Member;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enumerates the allowed Bytedeco API by reflection and holds the allowlist to it: a member that
 * takes a string, raw memory or a file, or whose name sounds like I/O, must be refused or reviewed.
 * A Bytedeco upgrade that adds such a member to an allowed type fails here until someone decides.
 */
class BytedecoAllowlistTest {
  private static final List<Member> MEMBERS = new ArrayList<>();

  @BeforeAll
  static void enumerate() {
    for (Class<?> type : BytedecoApi.allowedClasses()) {
      MEMBERS.addAll(BytedecoApi.members(type));
    }
  }

  @Test
  void everyRiskyMemberIsRefusedOrReviewed() {
    List<String> holes = new ArrayList<>();
    int risky = 0;
    for (Member member : MEMBERS) {
      List<String> risks = BytedecoApi.risks(member);
      if (risks.isEmpty()) {
        continue;
      }
      risky++;
      if (member.refusal().isEmpty()
          && !BytedecoAllowlist.reviewed().containsKey(member.reviewKey())) {
        holes.add(member + " " + risks);
      }
    }
    assertThat(holes).as("risky members neither refused nor reviewed").isEmpty();
    // About 1,300 String, BytePointer and Pointer overloads: an enumeration that finds few has
    // stopped looking (a wrong class list, a filter gone wrong).
    assertThat(risky).isGreaterThan(1_000);
  }

  @Test
  void aReviewNeverCoversRawMemoryOrFiles() {
    // A review vouches for a string or a name; a Pointer, a stream or a Path is never safe.
    List<String> wrong = new ArrayList<>();
    for (Member member : MEMBERS) {
      List<String> hard =
          BytedecoApi.risks(member).stream()
              .filter(
                  risk -> !risk.equals("String") && !risk.equals("name") && !risk.equals("byte[]"))
              .collect(Collectors.toList());
      if (!hard.isEmpty() && member.refusal().isEmpty()) {
        wrong.add(member + " " + hard);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyReviewNamesARiskyMemberThatExists() {
    // A review of nothing rots: it would silently allow a member added later under that name.
    Set<String> riskyKeys = new HashSet<>();
    for (Member member : MEMBERS) {
      if (!BytedecoApi.risks(member).isEmpty() || policyCallsItRisky(member)) {
        riskyKeys.add(member.reviewKey());
      }
    }
    List<String> stale =
        BytedecoAllowlist.reviewed().keySet().stream()
            .filter(key -> !riskyKeys.contains(key))
            .sorted()
            .collect(Collectors.toList());
    assertThat(stale).as("reviews of members that do not exist or are not risky").isEmpty();
    // A reason is a sentence a reviewer can check, not a tick.
    assertThat(BytedecoAllowlist.reviewed().values())
        .allSatisfy(reason -> assertThat(reason).hasSizeGreaterThan(20));
  }

  @Test
  void reviewedMembersAreAllowedAndTheirBytePointerTwinsAreNot() {
    Member padString = find("torch", "pad", "java.lang.String");
    assertThat(padString.refusal()).isEmpty();
    Member padBytes = find("torch", "pad", "org.bytedeco.javacpp.BytePointer");
    assertThat(padBytes.refusal()).get().asString().contains("BytePointer");
  }

  @Test
  void everyAllowedTorchMemberExists() {
    Set<String> names =
        MEMBERS.stream()
            .filter(m -> m.type().equals("torch"))
            .map(Member::name)
            .collect(Collectors.toSet());
    assertThat(names).containsAll(BytedecoAllowlist.torchMembers());
  }

  @Test
  void allowedTypesBringTheirBytedecoParents() {
    // Inherited members resolve to the parent that declares them (Tensor.dim is TensorBase's).
    List<String> missing = new ArrayList<>();
    for (Class<?> type : BytedecoApi.allowedClasses()) {
      for (Class<?> parent = type.getSuperclass();
          parent != null && parent.getPackageName().equals(BytedecoAllowlist.TORCH);
          parent = parent.getSuperclass()) {
        if (!BytedecoAllowlist.types().contains(parent.getSimpleName())) {
          missing.add(type.getSimpleName() + " -> " + parent.getSimpleName());
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyOtherPyTorchTypeIsRefused() throws IOException {
    List<String> allowed = new ArrayList<>();
    int others = 0;
    for (String name : BytedecoApi.classesInJarOf(Tensor.class)) {
      String pkg = name.substring(0, name.lastIndexOf('.'));
      String type = name.substring(pkg.length() + 1).replace('$', '.');
      String top = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
      boolean listed =
          pkg.equals(BytedecoAllowlist.TORCH) && BytedecoAllowlist.types().contains(top)
              || pkg.equals(BytedecoAllowlist.TORCH_GLOBAL)
                  && (type.equals("torch")
                      || type.startsWith("torch.")
                          && BytedecoAllowlist.torchEnums().contains(type.substring(6)));
      if (listed) {
        continue;
      }
      others++;
      if (SourcePolicy.refusal(pkg, type, "", List.of()).isEmpty()) {
        allowed.add(name);
      }
    }
    assertThat(allowed).isEmpty();
    assertThat(others).isGreaterThan(1_000);
  }

  @Test
  void javaCppGivesOnlyLifetimeMembersAndPointerScope() throws IOException {
    List<String> allowed = new ArrayList<>();
    for (String name : BytedecoApi.classesInJarOf(Pointer.class)) {
      if (!name.startsWith("org.bytedeco.javacpp.") || name.contains("$")) {
        continue;
      }
      String pkg = name.substring(0, name.lastIndexOf('.'));
      String type = name.substring(pkg.length() + 1);
      if (SourcePolicy.refusal(pkg, type, "", List.of()).isEmpty()) {
        allowed.add(type);
      }
    }
    assertThat(allowed).containsExactly("PointerScope");
    List<String> pointerMembers = new ArrayList<>();
    for (Method method : Pointer.class.getMethods()) {
      Member member = new Member(Pointer.class, method);
      if (method.getDeclaringClass() == Pointer.class && member.refusal().isEmpty()) {
        pointerMembers.add(method.getName());
      }
    }
    assertThat(new HashSet<>(pointerMembers))
        .containsExactlyInAnyOrder(
            "close",
            "retainReference",
            "releaseReference",
            "referenceCount",
            "isNull",
            "equals",
            "hashCode",
            "toString");
  }

  @Test
  void theKnownFileReadersAreRefused() {
    // Real torch members that read or write files, the environment or raw memory, named so a
    // reader sees them refused whatever the counts say. Several passed the old denylist.
    for (String name :
        List.of(
            "load",
            "pickle_load",
            "pickle_save",
            "pickle",
            "unpickle",
            "from_file",
            "from_file_out",
            "from_file_outf",
            "torch_from_file",
            "load_jit_module_from_file",
            "import_ir_module",
            "exportMemoryProfile",
            "get_env",
            "set_env",
            "from_blob")) {
      List<Member> overloads =
          MEMBERS.stream()
              .filter(m -> m.type().equals("torch") && m.name().equals(name))
              .collect(Collectors.toList());
      assertThat(overloads).as(name).isNotEmpty();
      assertThat(overloads).allSatisfy(m -> assertThat(m.refusal()).as(m.toString()).isPresent());
    }
  }

  private static boolean policyCallsItRisky(Member member) {
    return BytedecoAllowlist.IO_NAME.matcher(member.name()).matches()
        || member.parameters().stream().anyMatch(p -> p.equals("byte[]") || p.equals("char[]"));
  }

  private static Member find(String type, String name, String parameter) {
    return MEMBERS.stream()
        .filter(
            m ->
                m.type().equals(type)
                    && m.name().equals(name)
                    && m.parameters().contains(parameter))
        .findFirst()
        .orElseThrow(() -> new AssertionError(type + "." + name + "(" + parameter + ") not found"));
  }
}
