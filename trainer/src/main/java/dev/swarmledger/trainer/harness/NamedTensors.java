package dev.swarmledger.trainer.harness;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;
import org.bytedeco.pytorch.Tensor;

/**
 * The state of a model as the harness sees it: every parameter, then every buffer, in module order.
 */
final class NamedTensors {
  private NamedTensors() {}

  record Named(String name, Tensor tensor) {}

  static List<Named> of(Module module) {
    List<Named> all = new ArrayList<>();
    add(all, "parameter:", module.named_parameters(true));
    add(all, "buffer:", module.named_buffers(true));
    return all;
  }

  private static void add(List<Named> into, String prefix, StringTensorDict dict) {
    for (long i = 0; i < dict.size(); i++) {
      StringTensorDictItem item = dict.get(i);
      // Copy the handle: value() is a reference into the dictionary, which dies with it.
      into.add(new Named(prefix + item.key().getString(), new Tensor(item.value())));
    }
  }

  static long parameterCount(Module module) {
    long count = 0;
    for (Named named : of(module)) {
      if (named.name().startsWith("parameter:")) {
        count += named.tensor().numel();
      }
    }
    return count;
  }
}
