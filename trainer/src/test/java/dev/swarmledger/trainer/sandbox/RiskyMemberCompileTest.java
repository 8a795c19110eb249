package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.sandbox.BytedecoApi.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The policy check is not vacuous: calls to risky members, generated from the reflected API and
 * compiled for real, are refused by the compiler with the member's name on the call's line.
 */
class RiskyMemberCompileTest {
  private static final ExperimentCompiler COMPILER = ExperimentCompiler.forThisJvm();
  private static final int FIRST_CALL_LINE = 7;

  @Test
  void generatedCallsToRiskyMembersAreRefusedOnTheirLines() {
    List<Member> calls = riskyRefusedMembers();
    // Enough to cover every allowed type's risky members and a sample of torch's, few enough for
    // one compilation of a few seconds.
    assertThat(calls).hasSizeBetween(200, 1_200);
    StringBuilder body = new StringBuilder();
    for (Member member : calls) {
      body.append(call(member)).append('\n');
    }
    String source = ExperimentCompilerTest.experiment("", body.toString());
    assertThatThrownBy(() -> COMPILER.compile(source))
        .isInstanceOfSatisfying(
            SourceRefusedException.class,
            e -> {
              Map<Long, List<String>> byLine =
                  e.refusals().stream()
                      .collect(
                          Collectors.groupingBy(
                              Refusal::line,
                              Collectors.mapping(Refusal::symbol, Collectors.toList())));
              List<String> missed = new ArrayList<>();
              for (int i = 0; i < calls.size(); i++) {
                Member member = calls.get(i);
                String symbol = member.pkg() + "." + member.type() + "." + member.policyMember();
                List<String> refused = byLine.getOrDefault((long) FIRST_CALL_LINE + i, List.of());
                if (!refused.contains(symbol)) {
                  missed.add(member + " at line " + (FIRST_CALL_LINE + i) + ": " + refused);
                }
              }
              assertThat(missed).isEmpty();
            });
  }

  @Test
  void theGeneratedBodyStartsWhereTheTestExpects() {
    // Guards the line arithmetic above: a refusal on the first generated line is on line 7.
    String source = ExperimentCompilerTest.experiment("", "System.exit(0);");
    assertThatThrownBy(() -> COMPILER.compile(source))
        .isInstanceOfSatisfying(
            SourceRefusedException.class,
            e -> assertThat(e.refusals().get(0).line()).isEqualTo(FIRST_CALL_LINE));
  }

  /**
   * Every risky, unreviewed member of the allowed types except torch, every risky overload of an
   * allowed torch member, and every 20th of torch's other risky members.
   */
  private static List<Member> riskyRefusedMembers() {
    List<Member> chosen = new ArrayList<>();
    int torchOthers = 0;
    for (Class<?> type : BytedecoApi.allowedClasses()) {
      if (Modifier.isAbstract(type.getModifiers()) || type.isEnum()) {
        continue; // no constructor call to write, and enum members are reviewed Java ones
      }
      for (Member member : BytedecoApi.members(type)) {
        // Chosen by the test's own judgement of risk, not by the policy's verdict, so a policy
        // that lets one through fails here too.
        if (BytedecoApi.risks(member).isEmpty()
            || BytedecoAllowlist.reviewed().containsKey(member.reviewKey())) {
          continue;
        }
        if (!member.type().equals("torch")
            || BytedecoAllowlist.torchMembers().contains(member.name())
            || torchOthers++ % 20 == 0) {
          chosen.add(member);
        }
      }
    }
    return chosen;
  }

  /** A statement that calls {@code member} with typed nulls and zeros, so javac picks it. */
  private static String call(Member member) {
    String owner = member.owner().getCanonicalName();
    List<String> arguments = new ArrayList<>();
    for (Class<?> parameter : member.executable().getParameterTypes()) {
      arguments.add(
          parameter.isPrimitive()
              ? primitive(parameter)
              : "(" + parameter.getCanonicalName() + ") null");
    }
    String args = String.join(", ", arguments);
    if (member.isConstructor()) {
      return "new " + owner + "(" + args + ");";
    }
    Method method = (Method) member.executable();
    String target = Modifier.isStatic(method.getModifiers()) ? owner : "((" + owner + ") null)";
    return target + "." + method.getName() + "(" + args + ");";
  }

  private static String primitive(Class<?> type) {
    if (type == boolean.class) {
      return "false";
    }
    return "(" + type.getName() + ") 0";
  }
}
