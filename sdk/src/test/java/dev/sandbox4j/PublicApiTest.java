package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the API conventions: no generated type in any public or protected signature outside
 * {@code dev.sandbox4j.raw}, and every exception under one root.
 */
class PublicApiTest {

  private static List<Class<?>> sdkClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(SandboxClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .map(PublicApiTest::load)
          .collect(Collectors.toList());
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PublicApiTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean exposed(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  @Test
  void noPublicSignatureOutsideRawMentionsAGeneratedType() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> classes = sdkClasses();
    assertThat(classes).extracting(Class::getName).contains("dev.sandbox4j.SandboxClient");
    for (Class<?> type : classes) {
      String pkg = type.getPackageName();
      if (!exposed(type)
          || pkg.startsWith("dev.sandbox4j.raw")
          || pkg.startsWith("dev.sandbox4j.internal")) {
        continue;
      }
      List<Type> declared = new ArrayList<>();
      declared.add(type.getGenericSuperclass());
      declared.addAll(List.of(type.getGenericInterfaces()));
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers())) {
          declared.add(field.getGenericType());
        }
      }
      report(leaks, type.getName(), declared);
      List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
      executables.addAll(List.of(type.getDeclaredConstructors()));
      for (Executable executable : executables) {
        if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
          continue;
        }
        List<Type> mentioned = new ArrayList<>();
        mentioned.addAll(List.of(executable.getGenericParameterTypes()));
        mentioned.addAll(List.of(executable.getGenericExceptionTypes()));
        if (executable instanceof Method) {
          mentioned.add(((Method) executable).getGenericReturnType());
        }
        report(leaks, type.getName() + "#" + executable.getName(), mentioned);
      }
    }
    assertThat(leaks).isEmpty();
  }

  /** Adds a leak for each generated type among those a declaration mentions. */
  private static void report(List<String> leaks, String where, List<Type> mentioned) {
    for (Type t : mentioned) {
      if (t != null && t.getTypeName().contains("dev.sandbox4j.generated")) {
        leaks.add(where + " mentions " + t.getTypeName());
      }
    }
  }

  @Test
  void everyExceptionDerivesFromTheOneRoot() throws Exception {
    for (Class<?> type : sdkClasses()) {
      if (type.getPackageName().equals("dev.sandbox4j.errors")
          && Throwable.class.isAssignableFrom(type)) {
        assertThat(dev.sandbox4j.errors.SandboxException.class).isAssignableFrom(type);
        assertThat(RuntimeException.class).isAssignableFrom(type);
      }
    }
  }
}
