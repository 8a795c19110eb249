package dev.swarmledger.trainer.sandbox;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Bytedeco part of the experiment allowlist: which PyTorch types an experiment may name, which
 * members of the static {@code torch} class it may call, and which of the few members that take a
 * string or sound like I/O were reviewed as safe (each with its reason). Everything else in {@code
 * org.bytedeco} is refused.
 *
 * <p>Bytedeco's API has thousands of members and grows with every release, so this is a list of
 * what is allowed, never of what is forbidden: a member added upstream is refused until someone
 * reviews it. {@code BytedecoAllowlistTest} enumerates the API by reflection and fails when a risky
 * member is neither refused nor reviewed.
 */
final class BytedecoAllowlist {
  static final String TORCH = "org.bytedeco.pytorch";
  static final String TORCH_GLOBAL = "org.bytedeco.pytorch.global";
  static final String JAVACPP = "org.bytedeco.javacpp";

  /**
   * Top-level types of {@code org.bytedeco.pytorch}: tensors and their small value types, autograd
   * guards, a set of {@code nn} modules with their options, and the optimisers. Each type's
   * superclasses inside Bytedeco are listed too, so inherited members resolve (checked by a test).
   */
  private static final Set<String> TYPES =
      Set.of(
          // Tensors, scalars, devices and the value types their methods take and return.
          "AbstractTensor",
          "Tensor",
          "TensorBase",
          "TensorOptions",
          "Scalar",
          "Device",
          "TensorVector",
          "TensorArrayRef",
          "TensorHeaderOnlyArrayRef",
          "TensorArrayRefOptional",
          "TensorOptional",
          "TensorOptionalList",
          "TensorOptionalArrayRef",
          "TensorOptionalHeaderOnlyArrayRef",
          "DoubleOptional",
          "LongOptional",
          "BoolOptional",
          "ScalarOptional",
          "ScalarTypeOptional",
          "DeviceOptional",
          "LayoutOptional",
          "MemoryFormatOptional",
          "LongArrayRef",
          "LongHeaderOnlyArrayRef",
          "LongArrayRefOptional",
          "DoubleArrayRef",
          "DoubleHeaderOnlyArrayRef",
          "DoubleArrayRefOptional",
          "LongVector",
          "DoubleVector",
          "BoolVector",
          "T_TensorTensor_T",
          "T_TensorTensorTensor_T",
          "T_TensorTensorTensorTensor_T",
          // Indexing: tensor.index(...) with slices, single indices and the ellipsis.
          "TensorIndex",
          "TensorIndexArrayRef",
          "TensorIndexHeaderOnlyArrayRef",
          "TensorIndexVector",
          "Slice",
          "SymInt",
          "SymIntOptional",
          "EllipsisIndexType",
          // Autograd.
          "NoGradGuard",
          "AutoGradMode",
          "GradMode",
          // Modules and the parameter dictionaries they return.
          "Module",
          "SharedModuleVector",
          "StringTensorDict",
          "StringTensorDictItem",
          "StringTensorDictItemVector",
          "ModuleListImpl",
          "ModuleListImplCloneable",
          "ModuleDictImpl",
          "ModuleDictImplCloneable",
          "EmbeddingImpl",
          "EmbeddingImplCloneable",
          "EmbeddingOptions",
          "EmbeddingFuncOptions",
          "EmbeddingBagImpl",
          "EmbeddingBagImplCloneable",
          "EmbeddingBagOptions",
          "LayerNormImpl",
          "LayerNormImplCloneable",
          "LayerNormOptions",
          "LayerNormFuncOptions",
          "GroupNormImpl",
          "GroupNormImplCloneable",
          "GroupNormOptions",
          "GroupNormFuncOptions",
          "BatchNorm1dImpl",
          "BatchNorm1dImplBase",
          "BatchNorm1dImplBaseBase",
          "BatchNorm1dImplCloneable",
          "BatchNormOptions",
          "BatchNormFuncOptions",
          "DropoutImpl",
          "DropoutImplBase",
          "DropoutImplCloneable",
          "DropoutOptions",
          "DropoutFuncOptions",
          "ReLUImpl",
          "ReLUImplCloneable",
          "ReLUOptions",
          "GELUImpl",
          "GELUImplCloneable",
          "GELUOptions",
          "SiLUImpl",
          "SiLUImplCloneable",
          "TanhImpl",
          "TanhImplCloneable",
          "SigmoidImpl",
          "SigmoidImplCloneable",
          "SoftmaxImpl",
          "SoftmaxImplCloneable",
          "SoftmaxOptions",
          "SoftmaxFuncOptions",
          "LogSoftmaxImpl",
          "LogSoftmaxImplCloneable",
          "LogSoftmaxOptions",
          "LogSoftmaxFuncOptions",
          "IdentityImpl",
          "IdentityImplCloneable",
          "FlattenImpl",
          "FlattenImplCloneable",
          "FlattenOptions",
          "CrossEntropyLossImpl",
          "CrossEntropyLossImplCloneable",
          "CrossEntropyLossOptions",
          "MSELossImpl",
          "MSELossImplCloneable",
          "MSELossOptions",
          "PadFuncOptions",
          "kMean",
          "kSum",
          "kNone",
          // Optimisers (their save/load members are refused by name below).
          "Optimizer",
          "OptimizerOptions",
          "OptimizerParamGroup",
          "OptimizerParamGroupVector",
          "OptimizerParamState",
          "AdamW",
          "AdamWOptions",
          "AdamWParamState",
          "OptimizerCloneableAdamWOptions",
          "OptimizerCloneableAdamWParamState",
          "Adam",
          "AdamOptions",
          "AdamParamState",
          "OptimizerCloneableAdamOptions",
          "OptimizerCloneableAdamParamState",
          "SGD",
          "SGDOptions",
          "SGDParamState",
          "OptimizerCloneableSGDOptions",
          "OptimizerCloneableSGDParamState",
          "RMSprop",
          "RMSpropOptions",
          "RMSpropParamState",
          "OptimizerCloneableRMSpropOptions",
          "OptimizerCloneableRMSpropParamState",
          "Adagrad",
          "AdagradOptions",
          "AdagradParamState",
          "OptimizerCloneableAdagradOptions",
          "OptimizerCloneableAdagradParamState");

  /** Plain Java enums nested in {@code torch} that name dtypes, devices, layouts and reductions. */
  private static final Set<String> TORCH_ENUMS =
      Set.of("ScalarType", "DeviceType", "Layout", "MemoryFormat", "Reduction");

  /**
   * Members of {@code org.bytedeco.pytorch.global.torch} by name: tensor creation, elementwise and
   * reduction maths, linear algebra, shape operations, functional {@code nn} ops and losses,
   * autograd, parameter initialisation and autocast. Every overload still passes the member rule
   * ({@link #memberRefusal}): an allowed name with a {@code Pointer} or file overload is refused at
   * that overload. Deliberately absent: {@code _out}/{@code _outf} variants, file and pickle I/O,
   * TorchScript, {@code from_blob} (raw memory: use {@code Tensors.floats}), seeding and thread or
   * dtype defaults (the harness owns them), profiling, distributed and CUDA stream control.
   */
  private static final Set<String> TORCH_MEMBERS =
      Set.of(
          // creation and random sampling (from the generator the harness seeded)
          "tensor",
          "scalar_tensor",
          "zeros",
          "zeros_like",
          "ones",
          "ones_like",
          "full",
          "full_like",
          "empty",
          "empty_like",
          "arange",
          "linspace",
          "logspace",
          "eye",
          "tril_indices",
          "triu_indices",
          "rand",
          "rand_like",
          "randn",
          "randn_like",
          "randint",
          "randint_like",
          "randperm",
          "normal",
          "bernoulli",
          "multinomial",
          "polar",
          // elementwise
          "abs",
          "neg",
          "negative",
          "exp",
          "exp2",
          "expm1",
          "log",
          "log2",
          "log10",
          "log1p",
          "sqrt",
          "rsqrt",
          "square",
          "pow",
          "float_power",
          "sin",
          "cos",
          "tan",
          "tanh",
          "sinh",
          "cosh",
          "asin",
          "acos",
          "atan",
          "atan2",
          "sigmoid",
          "logit",
          "erf",
          "erfc",
          "erfinv",
          "floor",
          "ceil",
          "round",
          "trunc",
          "frac",
          "sign",
          "sgn",
          "clamp",
          "clamp_min",
          "clamp_max",
          "clip",
          "reciprocal",
          "add",
          "sub",
          "subtract",
          "mul",
          "multiply",
          "div",
          "divide",
          "true_divide",
          "floor_divide",
          "remainder",
          "fmod",
          "maximum",
          "minimum",
          "fmax",
          "fmin",
          "where",
          "lerp",
          "addcmul",
          "addcdiv",
          "hypot",
          "logaddexp",
          "logaddexp2",
          "xlogy",
          "nan_to_num",
          "isnan",
          "isinf",
          "isfinite",
          "isclose",
          "allclose",
          "equal",
          "eq",
          "ne",
          "lt",
          "le",
          "gt",
          "ge",
          "logical_and",
          "logical_or",
          "logical_not",
          "logical_xor",
          "bitwise_and",
          "bitwise_or",
          "bitwise_xor",
          "bitwise_not",
          "rsub",
          // activations
          "relu",
          "relu6",
          "gelu",
          "silu",
          "mish",
          "elu",
          "selu",
          "celu",
          "leaky_relu",
          "hardtanh",
          "hardsigmoid",
          "hardswish",
          "softplus",
          "softsign",
          "softshrink",
          "hardshrink",
          "tanhshrink",
          "threshold",
          "glu",
          "prelu",
          "log_sigmoid",
          // reductions, sorting, statistics
          "sum",
          "mean",
          "prod",
          "max",
          "min",
          "amax",
          "amin",
          "aminmax",
          "argmax",
          "argmin",
          "std",
          "var",
          "std_mean",
          "var_mean",
          "norm",
          "logsumexp",
          "cumsum",
          "cumprod",
          "all",
          "any",
          "count_nonzero",
          "median",
          "nanmedian",
          "mode",
          "topk",
          "sort",
          "argsort",
          "kthvalue",
          "quantile",
          "nanquantile",
          "nansum",
          "nanmean",
          "dist",
          "bincount",
          "histc",
          "diff",
          "renorm",
          "softmax",
          "log_softmax",
          "softmin",
          // linear algebra (products and decompositions go through the counted Ops; see HEAVY)
          "cross",
          "cosine_similarity",
          "pairwise_distance",
          "normalize",
          "linalg_vector_norm",
          "trace",
          // shapes, indexing, gathering
          "reshape",
          "cat",
          "concat",
          "concatenate",
          "stack",
          "hstack",
          "vstack",
          "split",
          "split_with_sizes",
          "chunk",
          "tensor_split",
          "unbind",
          "squeeze",
          "unsqueeze",
          "flatten",
          "unflatten",
          "permute",
          "transpose",
          "swapaxes",
          "swapdims",
          "movedim",
          "moveaxis",
          "narrow",
          "select",
          "index_select",
          "masked_select",
          "masked_fill",
          "masked_scatter",
          "gather",
          "scatter",
          "scatter_add",
          "scatter_reduce",
          "index_add",
          "index_copy",
          "index_fill",
          "index_put",
          "take",
          "take_along_dim",
          "broadcast_to",
          "broadcast_tensors",
          "repeat_interleave",
          "tile",
          "flip",
          "fliplr",
          "flipud",
          "roll",
          "rot90",
          "t",
          "numel",
          "clone",
          "detach",
          "meshgrid",
          "cartesian_prod",
          "combinations",
          "atleast_1d",
          "atleast_2d",
          "atleast_3d",
          "ravel",
          "pad",
          "constant_pad_nd",
          "one_hot",
          "nonzero",
          "argwhere",
          "searchsorted",
          "bucketize",
          "tril",
          "triu",
          "diag",
          "diag_embed",
          "diagonal",
          "block_diag",
          // nn functional: embeddings, normalisation, attention, dropout, convolution, pooling
          "embedding",
          "embedding_bag",
          "layer_norm",
          "group_norm",
          "batch_norm",
          "instance_norm",
          "rms_norm",
          "dropout",
          "alpha_dropout",
          "feature_dropout",
          "avg_pool1d",
          "avg_pool2d",
          "max_pool1d",
          "max_pool2d",
          "adaptive_avg_pool1d",
          "adaptive_avg_pool2d",
          "adaptive_max_pool1d",
          "adaptive_max_pool2d",
          "pixel_shuffle",
          "pixel_unshuffle",
          "gumbel_softmax",
          // losses
          "cross_entropy",
          "nll_loss",
          "mse_loss",
          "l1_loss",
          "smooth_l1_loss",
          "huber_loss",
          "binary_cross_entropy",
          "binary_cross_entropy_with_logits",
          "kl_div",
          "margin_ranking_loss",
          "cosine_embedding_loss",
          "triplet_margin_loss",
          // autograd and gradient utilities
          "clip_grad_norm_",
          "clip_grad_value_",
          "parameters_to_vector",
          "vector_to_parameters",
          // parameter initialisation (nn::init), drawn from the seeded generator
          "normal_",
          "uniform_",
          "constant_",
          "zeros_",
          "ones_",
          "eye_",
          "dirac_",
          "xavier_uniform_",
          "xavier_normal_",
          "kaiming_uniform_",
          "kaiming_normal_",
          "orthogonal_",
          "calculate_gain",
          // dtypes and devices: pure queries
          "result_type",
          "promote_types",
          "can_cast",
          "cuda_is_available",
          "cuda_device_count",
          // autocast (bf16 training, DESIGN.md section 5): thread-local, and the evaluator runs
          // in a process of its own in fp32, so an experiment cannot change how it is scored
          "is_autocast_enabled",
          "set_autocast_enabled",
          "get_autocast_dtype",
          "set_autocast_dtype");

  /**
   * Members that JavaCPP's {@code Pointer} gives every Bytedeco object and that only manage the
   * object's own lifetime. Everything else on {@code Pointer} moves, resizes, copies, casts or
   * exposes native memory ({@code position}, {@code getPointer}, {@code put(Pointer)}, {@code
   * address}, {@code asByteBuffer}…).
   */
  private static final Set<String> POINTER_MEMBERS =
      Set.of(
          "close",
          "retainReference",
          "releaseReference",
          "referenceCount",
          "isNull",
          "equals",
          "hashCode",
          "toString");

  /** {@code PointerScope} frees the tensors made inside it; attach/detach take a raw pointer. */
  private static final Set<String> POINTER_SCOPE_MEMBERS =
      Set.of("", "<init>()", "close", "deallocate", "extend");

  /**
   * Pointer arithmetic and raw views that Bytedeco classes redeclare: {@code
   * tensor.getPointer(1000)} or {@code position(n)} on an array-allocated object is an unchecked
   * offset into native memory; {@code createBuffer}/{@code createIndexer}/{@code data_ptr} view a
   * tensor's bytes without bounds a reviewer can see.
   */
  private static final Set<String> POINTER_MACHINERY =
      Set.of(
          "address",
          "position",
          "limit",
          "capacity",
          "getPointer",
          "asBuffer",
          "asByteBuffer",
          "fill",
          "zero",
          "sizeof",
          "offsetof",
          "setNull",
          "deallocator",
          "withDeallocator",
          "init",
          "memchr",
          "memcmp",
          "memcpy",
          "memmove",
          "memset",
          "malloc",
          "calloc",
          "realloc",
          "free",
          "createBuffer",
          "createIndexer",
          "data_ptr",
          "const_data_ptr",
          "mutable_data_ptr",
          "unsafeGetTensorImpl",
          "unsafeReleaseTensorImpl",
          "getIntrusivePtr",
          "unsafeReleaseIntrusivePtr");

  /**
   * Names that suggest I/O or process state. A member whose name matches is refused unless it is
   * reviewed below. Broad on purpose: a false positive costs one review, a miss costs a hole.
   */
  static final Pattern IO_NAME =
      Pattern.compile(
          "(?i).*(load|save|read|write|file|open|pickle|serializ|stream|path|mmap|import|export"
              + "|librar|dlopen|env|system|exec|socket|url|print|dump|archive|jit|script|compile"
              + "|thread|process|fork|share|storage|alloc|deleter|callback|hook|seed|getenv).*");

  /**
   * Members that take a {@code String} or {@code byte[]}, or whose name matches {@link #IO_NAME},
   * reviewed and found safe, keyed {@code Type.member} (nested types as {@code torch.ScalarType}).
   * The reason says why the string is not a path, a library name or code, or why the name is a
   * false positive. A review covers the member's {@code String}/{@code byte[]} overloads only: its
   * {@code BytePointer} twins stay refused (a {@code BytePointer} can point anywhere).
   */
  private static final Map<String, String> REVIEWED =
      Map.ofEntries(
          entry(
              "AbstractTensor.create",
              "the byte[] is tensor data copied into a new tensor through a bounded NIO buffer"),
          entry(
              "Tensor.index_reduce",
              "the String is a reduction mode (prod, mean, amax, amin); libtorch rejects others"),
          entry("Tensor.index_reduce_", "as Tensor.index_reduce: a reduction mode name"),
          entry(
              "Tensor.scatter",
              "the String is a reduction mode (add, multiply); libtorch rejects others"),
          entry("Tensor.scatter_", "as Tensor.scatter: a reduction mode name"),
          entry(
              "Tensor.scatter_reduce",
              "the String is a reduction mode (sum, prod, mean, amax, amin); libtorch rejects"
                  + " others"),
          entry("Tensor.scatter_reduce_", "as Tensor.scatter_reduce: a reduction mode name"),
          entry(
              "Tensor.quantile",
              "the String is an interpolation mode (linear, lower, higher, midpoint, nearest)"),
          entry("Tensor.nanquantile", "as Tensor.quantile: an interpolation mode name"),
          entry(
              "Tensor.stft",
              "the String is a padding mode (reflect, constant, replicate, circular)"),
          entry(
              "Device.<init>",
              "the String is a device name like \"cpu\" or \"cuda:0\", parsed by c10::Device;"
                  + " it names no file"),
          entry(
              "TensorIndex.<init>",
              "the String is only accepted as \"...\" (the ellipsis index); libtorch rejects"
                  + " anything else"),
          entry(
              "SymInt.guard_int",
              "the String is the caller's file name for a diagnostic message; nothing is opened"),
          entry(
              "Module.<init>",
              "the String is the module's display name, kept in memory (name() returns it)"),
          entry(
              "Module.register_parameter",
              "the String is the parameter's key in the module's parameter tree, not a path"),
          entry(
              "Module.register_buffer",
              "the String is the buffer's key in the module's parameter tree, not a path"),
          entry(
              "Module.register_module",
              "the String is the child module's key in the module tree, not a path"),
          entry("Module.unregister_module", "the String is a child module's key in the tree"),
          entry(
              "Module.named_modules",
              "the String is the prefix put before the returned keys; nothing is opened"),
          entry(
              "ModuleDictImpl.get", "the String is a key of this in-memory dictionary of modules"),
          entry("ModuleDictImpl.contains", "the String is a key of this in-memory dictionary"),
          entry("ModuleDictImpl.pop", "the String is a key of this in-memory dictionary"),
          entry("StringTensorDict.<init>", "the String is the dictionary's key description"),
          entry("StringTensorDict.get", "the String is a key of this in-memory dictionary"),
          entry("StringTensorDict.insert", "the String is a key of this in-memory dictionary"),
          entry("StringTensorDict.contains", "the String is a key of this in-memory dictionary"),
          entry("StringTensorDict.find", "the String is a key of this in-memory dictionary"),
          entry("StringTensorDict.erase", "the String is a key of this in-memory dictionary"),
          entry(
              "StringTensorDict.key_description",
              "returns the dictionary's label; the name matches only because 'description'"
                  + " contains 'script'"),
          entry("StringTensorDictItem.<init>", "the String is the item's key, kept in memory"),
          entry(
              "GELUOptions.approximate",
              "the String is the approximation (none, tanh); libtorch rejects others"),
          entry(
              "torch.gelu",
              "the String is the approximation (none, tanh); libtorch rejects others"),
          entry("torch.scatter", "the String is a reduction mode (add, multiply)"),
          entry(
              "torch.scatter_reduce",
              "the String is a reduction mode (sum, prod, mean, amax, amin)"),
          entry(
              "torch.quantile",
              "the String is an interpolation mode (linear, lower, higher, midpoint, nearest)"),
          entry("torch.nanquantile", "as torch.quantile: an interpolation mode name"),
          entry(
              "torch.meshgrid",
              "the String is the indexing convention (ij, xy); libtorch rejects others"),
          entry(
              "torch.pad", "the String is a padding mode (constant, reflect, replicate, circular)"),
          entry(
              "torch.ScalarType.valueOf",
              "Java's enum lookup by constant name; the String names an enum constant"),
          entry("torch.DeviceType.valueOf", "Java's enum lookup by constant name"),
          entry("torch.Layout.valueOf", "Java's enum lookup by constant name"),
          entry("torch.MemoryFormat.valueOf", "Java's enum lookup by constant name"),
          entry("torch.Reduction.valueOf", "Java's enum lookup by constant name"));

  /**
   * Name parts of the operations whose cost the harness counts (matrix products, attention,
   * convolution, recurrent cells, decompositions, explicit backward passes) or that run them inside
   * a fused kernel. A member of any allowed type whose name has one of these parts, split at
   * underscores, is refused: the experiment must use the counted {@code Ops} instead, so every FLOP
   * of the budget is seen (docs/protocol.md, "Compute budgets: the counting rule").
   */
  static final Set<String> HEAVY_PARTS =
      Set.of(
          "matmul",
          "mm",
          "bmm",
          "addmm",
          "baddbmm",
          "addbmm",
          "addmv",
          "mv",
          "addr",
          "dot",
          "vdot",
          "inner",
          "outer",
          "ger",
          "kron",
          "tensordot",
          "einsum",
          "linear",
          "bilinear",
          "attention",
          "cdist",
          "linalg",
          "matrix",
          "det",
          "logdet",
          "slogdet",
          "inverse",
          "pinverse",
          "cholesky",
          "svd",
          "qr",
          "eig",
          "eigh",
          "solve",
          "lstsq",
          "lu",
          "geqrf",
          "orgqr",
          "ormqr",
          "rnn",
          "lstm",
          "gru",
          "mkldnn",
          "cudnn",
          "miopen",
          "fbgemm");

  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

  private BytedecoAllowlist() {}

  /** The top-level {@code org.bytedeco.pytorch} types an experiment may name. */
  static Set<String> types() {
    return TYPES;
  }

  /** The members of {@code torch} an experiment may call, by name. */
  static Set<String> torchMembers() {
    return TORCH_MEMBERS;
  }

  /** The nested {@code torch} enums an experiment may name. */
  static Set<String> torchEnums() {
    return TORCH_ENUMS;
  }

  /** Every reviewed member ({@code Type.member}) with the reason it is safe. */
  static Map<String, String> reviewed() {
    return REVIEWED;
  }

  /**
   * Why a reference into {@code org.bytedeco.pytorch}, {@code .global} or {@code
   * org.bytedeco.javacpp} is refused, or empty if it is allowed. {@code type} is the type's name
   * inside its package ({@code torch.ScalarType} for a nested one), {@code member} empty for the
   * type itself, and {@code parameters} the erased parameter types of a method or constructor.
   */
  static Optional<String> refusal(String pkg, String type, String member, List<String> parameters) {
    String top = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
    String name = bareName(member);
    if (pkg.equals(JAVACPP)) {
      return javacppRefusal(type, name, member, parameters);
    }
    if (pkg.equals(TORCH_GLOBAL)) {
      if (!top.equals("torch")) {
        return Optional.of(
            TORCH_GLOBAL + "." + top + " (CUDA, NCCL, Gloo internals) is outside the allowlist");
      }
      if (!type.equals("torch")) {
        String nested = type.substring("torch.".length());
        if (!TORCH_ENUMS.contains(nested)) {
          return Optional.of(
              "torch." + nested + " is not an allowed torch enum (allowed: " + TORCH_ENUMS + ")");
        }
        return member.isEmpty() ? Optional.empty() : memberRefusal(type, name, parameters);
      }
      if (member.isEmpty()) {
        return Optional.empty();
      }
      if (!TORCH_MEMBERS.contains(name)) {
        return Optional.of(
            "torch."
                + name
                + " is not on the allowlist of torch members (tensor maths, nn functional,"
                + " autograd, init)");
      }
      return memberRefusal(type, name, parameters);
    }
    if (pkg.equals(TORCH)) {
      if (!TYPES.contains(top)) {
        return Optional.of(
            TORCH
                + "."
                + top
                + " is not on the allowlist of PyTorch types (tensors, nn modules, optimisers)");
      }
      if (member.isEmpty()) {
        return Optional.empty();
      }
      if (name.equals("<init>") && top.endsWith("ArrayRef")) {
        return Optional.of(
            "an ArrayRef is a non-owning view: built from a Java array it points at a temporary"
                + " copy that is freed when the constructor returns; pass long... instead");
      }
      return memberRefusal(type, name, parameters);
    }
    return Optional.of(pkg + " is outside the experiment allowlist");
  }

  /**
   * The rule every member of an allowed type obeys: no pointer machinery, every parameter a
   * primitive or an allowed Bytedeco type, and no string argument or I/O-sounding name unless
   * reviewed.
   */
  private static Optional<String> memberRefusal(String type, String name, List<String> parameters) {
    String label = type + "." + name;
    if (POINTER_MACHINERY.contains(name)) {
      return Optional.of(label + " is pointer arithmetic or a raw view of native memory");
    }
    Optional<String> heavy = heavyRefusal(label, name, parameters);
    if (heavy.isPresent()) {
      return heavy;
    }
    boolean needsReview = false;
    for (String parameter : parameters) {
      String element = parameter.replace("[]", "").replace("...", "");
      boolean array = !element.equals(parameter);
      if (PRIMITIVES.contains(element)) {
        if (array && (element.equals("byte") || element.equals("char"))) {
          needsReview = true;
        }
      } else if (element.equals("java.lang.String")) {
        needsReview = true;
      } else if (element.startsWith(JAVACPP + ".")) {
        return Optional.of(
            label + " takes a JavaCPP " + simple(element) + ": raw native memory is not allowed");
      } else if (!allowedBytedecoType(element)) {
        return Optional.of(
            label + " takes " + element + ", which is outside the experiment allowlist");
      }
    }
    if (IO_NAME.matcher(name).matches()) {
      needsReview = true;
    }
    if (needsReview && !REVIEWED.containsKey(label)) {
      return Optional.of(
          label
              + " takes a string or bytes or sounds like I/O, and has not been reviewed as safe"
              + " (docs/trainer.md, \"The experiment allowlist\")");
    }
    return Optional.empty();
  }

  /**
   * Refuses the uncounted heavy operations ({@link #HEAVY_PARTS}, any {@code conv*} part, any part
   * ending in {@code mm}) and every explicit backward but {@code backward()}: a retained graph run
   * twice, or a gradient of a gradient, would run products the forward never counted.
   */
  private static Optional<String> heavyRefusal(String label, String name, List<String> parameters) {
    for (String part : name.split("_")) {
      if (HEAVY_PARTS.contains(part) || part.startsWith("conv") || part.endsWith("mm")) {
        return Optional.of(
            label
                + " runs matrix products the harness cannot count; use"
                + " dev.swarmledger.trainer.experiment.Ops (linear, matmul, attention) or Linear");
      }
      if (part.equals("backward") && !(name.equals("backward") && parameters.isEmpty())) {
        return Optional.of(
            label
                + " re-runs or differentiates a backward pass the harness cannot count; call"
                + " loss.backward() once per graph");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> javacppRefusal(
      String type, String name, String member, List<String> parameters) {
    // Only equals(Object) takes an argument; a Pointer-typed overload would be a raw-memory one.
    if (type.equals("Pointer")
        && POINTER_MEMBERS.contains(name)
        && (parameters.isEmpty() || parameters.equals(List.of("java.lang.Object")))) {
      return Optional.empty();
    }
    if (type.equals("PointerScope")
        && POINTER_SCOPE_MEMBERS.contains(member.equals("<init>()") ? member : name)) {
      return Optional.empty();
    }
    if (type.equals("Pointer") && member.isEmpty()) {
      return Optional.of(
          "name the Bytedeco type (Tensor, Module…), not JavaCPP's Pointer: raw native memory is"
              + " not allowed");
    }
    return Optional.of(
        "JavaCPP "
            + type
            + (name.isEmpty() ? "" : "." + name)
            + " gives raw native memory or native loading; only Pointer's lifetime members"
            + " (close, retainReference, releaseReference) and PointerScope are allowed");
  }

  private static boolean allowedBytedecoType(String qualified) {
    if (qualified.startsWith(TORCH_GLOBAL + ".torch.")) {
      String nested = qualified.substring((TORCH_GLOBAL + ".torch.").length());
      return TORCH_ENUMS.contains(nested);
    }
    if (qualified.startsWith(TORCH + ".")) {
      String rest = qualified.substring(TORCH.length() + 1);
      String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
      return !top.equals("global") && TYPES.contains(top);
    }
    return false;
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  static String bareName(String member) {
    int paren = member.indexOf('(');
    return paren < 0 ? member : member.substring(0, paren);
  }
}
