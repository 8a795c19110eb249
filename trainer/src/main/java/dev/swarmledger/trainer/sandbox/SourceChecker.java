package dev.swarmledger.trainer.sandbox;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Walks an attributed experiment (javac Tree API) and checks every symbol it names (types, methods,
 * constructors, fields, method references, imports) against {@link SourcePolicy}.
 */
final class SourceChecker extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final CompilationUnitTree unit;
  private final Set<TypeElement> declared = new LinkedHashSet<>();
  private final Set<Refusal> refusals = new LinkedHashSet<>();

  private SourceChecker(Trees trees, Elements elements, Types types, CompilationUnitTree unit) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.unit = unit;
  }

  static List<Refusal> check(
      Trees trees, Elements elements, Types types, CompilationUnitTree unit) {
    SourceChecker checker = new SourceChecker(trees, elements, types, unit);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        if (element instanceof TypeElement) {
          checker.declared.add((TypeElement) element);
        }
        return super.visitClass(tree, unused);
      }
    }.scan(unit, null);
    checker.scan(unit, null);
    // "line 8: java.io.File" says nothing that "line 8: java.io.File.delete" does not.
    List<Refusal> specific = new ArrayList<>();
    for (Refusal refusal : checker.refusals) {
      boolean covered =
          checker.refusals.stream()
              .anyMatch(
                  other ->
                      other.line() == refusal.line()
                          && other.symbol().startsWith(refusal.symbol() + "."));
      if (!covered) {
        specific.add(refusal);
      }
    }
    return specific;
  }

  @Override
  public Void visitImport(ImportTree tree, Void unused) {
    Tree name = tree.getQualifiedIdentifier();
    if (name instanceof MemberSelectTree
        && ((MemberSelectTree) name).getIdentifier().contentEquals("*")) {
      TreePath qualifier =
          new TreePath(getCurrentPath(), ((MemberSelectTree) name).getExpression());
      Element element = trees.getElement(qualifier);
      if (element instanceof PackageElement) {
        String pkg = ((PackageElement) element).getQualifiedName().toString();
        SourcePolicy.packageRefusal(pkg).ifPresent(reason -> refuse(tree, pkg + ".*", reason));
        return null;
      }
      if (element != null) {
        checkElement(tree, element);
      }
      return null;
    }
    if (tree.isStatic() && name instanceof MemberSelectTree) {
      // A static import names a member (maybe several overloads): check it against its type.
      MemberSelectTree select = (MemberSelectTree) name;
      Element owner = trees.getElement(new TreePath(getCurrentPath(), select.getExpression()));
      if (owner instanceof TypeElement) {
        TypeElement type = (TypeElement) owner;
        TypeElement top = outermost(type);
        String pkg = elements.getPackageOf(top).getQualifiedName().toString();
        String typeName = nestedName(type, pkg);
        String member = select.getIdentifier().toString();
        SourcePolicy.refusal(pkg, typeName, member, List.of())
            .ifPresent(reason -> refuse(tree, pkg + "." + typeName + "." + member, reason));
      }
      return null;
    }
    Element element = trees.getElement(new TreePath(getCurrentPath(), name));
    if (element != null) {
      checkElement(tree, element);
    }
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    checkPath(tree);
    return super.visitIdentifier(tree, unused);
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
    if (tree.getIdentifier().contentEquals("class")) {
      refuse(tree, tree.toString(), "class literals are reflection");
    } else {
      checkPath(tree);
    }
    return super.visitMemberSelect(tree, unused);
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    checkPath(tree);
    return super.visitNewClass(tree, unused);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    checkPath(tree);
    return super.visitMemberReference(tree, unused);
  }

  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    if (tree.getModifiers().getFlags().contains(Modifier.NATIVE)) {
      refuse(tree, tree.getName().toString(), "native methods are not allowed");
    }
    return super.visitMethod(tree, unused);
  }

  private void checkPath(Tree tree) {
    Element element = trees.getElement(getCurrentPath());
    if (element != null) {
      checkElement(tree, element);
    }
  }

  private void checkElement(Tree tree, Element element) {
    switch (element.getKind()) {
      case PACKAGE:
      case LOCAL_VARIABLE:
      case PARAMETER:
      case EXCEPTION_PARAMETER:
      case RESOURCE_VARIABLE:
      case TYPE_PARAMETER:
      case BINDING_VARIABLE:
        return;
      default:
        break;
    }
    Optional<TypeElement> owner = owner(element);
    if (owner.isEmpty()) {
      return; // synthetic symbols without a type
    }
    TypeElement top = outermost(owner.get());
    if (declared.contains(top)) {
      return;
    }
    String pkg = elements.getPackageOf(top).getQualifiedName().toString();
    if (pkg.isEmpty()
        && top.getSimpleName().contentEquals("Array")
        && !(element instanceof TypeElement)) {
      // javac's synthetic owner of array.length and array.clone(): plain Java, nothing to refuse.
      return;
    }
    String typeName = nestedName(owner.get(), pkg);
    String member = memberName(element);
    SourcePolicy.refusal(pkg, typeName, member, parameterTypes(element))
        .ifPresent(
            reason ->
                refuse(
                    tree,
                    (pkg.isEmpty() ? "" : pkg + ".")
                        + typeName
                        + (member.isEmpty() ? "" : "." + member),
                    reason));
  }

  /** Erased parameter types as source names: {@code java.lang.String}, {@code long[]}. */
  private List<String> parameterTypes(Element element) {
    if (!(element instanceof ExecutableElement)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (VariableElement parameter : ((ExecutableElement) element).getParameters()) {
      names.add(sourceName(types.erasure(parameter.asType())));
    }
    return names;
  }

  private static String sourceName(TypeMirror type) {
    if (type instanceof ArrayType) {
      return sourceName(((ArrayType) type).getComponentType()) + "[]";
    }
    if (type instanceof DeclaredType) {
      return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    }
    return type.toString();
  }

  private static Optional<TypeElement> owner(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement) {
        return Optional.of((TypeElement) e);
      }
      if (e.getKind() == ElementKind.PACKAGE) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static TypeElement outermost(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement) {
      top = (TypeElement) top.getEnclosingElement();
    }
    return top;
  }

  private static String nestedName(TypeElement type, String pkg) {
    String qualified = type.getQualifiedName().toString();
    return pkg.isEmpty() || !qualified.startsWith(pkg + ".")
        ? qualified
        : qualified.substring(pkg.length() + 1);
  }

  private static String memberName(Element element) {
    if (element instanceof TypeElement) {
      return "";
    }
    if (element instanceof ExecutableElement) {
      ExecutableElement method = (ExecutableElement) element;
      String name = method.getSimpleName().toString();
      return method.getParameters().isEmpty() && name.equals("<init>") ? "<init>()" : name;
    }
    return element.getSimpleName().toString();
  }

  private void refuse(Tree tree, String symbol, String reason) {
    long position = trees.getSourcePositions().getStartPosition(unit, tree);
    long line = position < 0 ? 0 : unit.getLineMap().getLineNumber(position);
    refusals.add(new Refusal(line, symbol, reason));
  }
}
