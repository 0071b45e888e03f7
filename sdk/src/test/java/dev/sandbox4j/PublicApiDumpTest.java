package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the public API: every public or protected declaration of the exported packages is written as
 * one line of text and compared with {@code sdk/api/sandbox4j-sdk.api}, so that a change to the
 * public surface is a visible diff in review.
 *
 * <p>After an intended API change, regenerate the file with {@code ./mvnw -q -B -ntp -pl sdk -am
 * test -Dtest=PublicApiDumpTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsandbox4j.updateApiDump=true} and commit it with the change.
 */
class PublicApiDumpTest {
  private static final Path DUMP = Path.of("api", "sandbox4j-sdk.api");
  private static final Set<String> EXPORTED =
      Set.of("dev.sandbox4j", "dev.sandbox4j.errors", "dev.sandbox4j.raw");

  @Test
  void thePublicApiMatchesTheCommittedDump() throws Exception {
    String actual = dump();
    if (Boolean.getBoolean("sandbox4j.updateApiDump")) {
      Files.createDirectories(DUMP.getParent());
      Files.writeString(DUMP, actual, StandardCharsets.UTF_8);
    }
    assertThat(DUMP)
        .as("the API dump %s (see this test's javadoc to regenerate it)", DUMP)
        .exists();
    assertThat(Files.readString(DUMP, StandardCharsets.UTF_8))
        .as(
            "the public API differs from %s; if the change is intended, regenerate it with"
                + " -Dsandbox4j.updateApiDump=true (see PublicApiDumpTest)",
            DUMP)
        .isEqualTo(actual);
  }

  private static String dump() throws Exception {
    Path root =
        Path.of(SandboxClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> types;
    try (Stream<Path> files = Files.walk(root)) {
      types =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
              .map(PublicApiDumpTest::load)
              .filter(t -> EXPORTED.contains(t.getPackageName()) && exposed(t))
              .sorted((a, b) -> a.getName().compareTo(b.getName()))
              .collect(Collectors.toList());
    }
    StringBuilder out = new StringBuilder();
    for (Class<?> type : types) {
      out.append(describe(type)).append(" {\n");
      Set<String> members = new TreeSet<>();
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers()) && !field.isSynthetic()) {
          members.add(
              modifiers(field.getModifiers())
                  + name(field.getGenericType())
                  + " "
                  + field.getName());
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
          members.add(modifiers(constructor.getModifiers()) + "<init>" + signature(constructor));
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
          members.add(
              modifiers(method.getModifiers())
                  + name(method.getGenericReturnType())
                  + " "
                  + method.getName()
                  + signature(method));
        }
      }
      members.forEach(member -> out.append("  ").append(member).append('\n'));
      out.append("}\n\n");
    }
    return out.toString();
  }

  private static String describe(Class<?> type) {
    int modifiers = type.getModifiers() & ~Modifier.STATIC;
    String kind = type.isInterface() ? "" : type.isEnum() ? "enum " : "class ";
    if (type.isInterface() || type.isEnum()) {
      modifiers &= ~(Modifier.ABSTRACT | Modifier.FINAL);
    }
    StringBuilder text = new StringBuilder(Modifier.toString(modifiers)).append(' ');
    text.append(type.isInterface() ? "interface " : kind).append(type.getName().replace('$', '.'));
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum()) {
      text.append(" extends ").append(name(superclass));
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      text.append(type.isInterface() ? " extends " : " implements ");
      text.append(
          Arrays.stream(interfaces).map(PublicApiDumpTest::name).collect(Collectors.joining(", ")));
    }
    return text.toString();
  }

  private static String signature(Executable executable) {
    String parameters =
        Arrays.stream(executable.getGenericParameterTypes())
            .map(PublicApiDumpTest::name)
            .collect(Collectors.joining(", ", "(", ")"));
    Type[] thrown = executable.getGenericExceptionTypes();
    return thrown.length == 0
        ? parameters
        : parameters
            + " throws "
            + Arrays.stream(thrown).map(PublicApiDumpTest::name).collect(Collectors.joining(", "));
  }

  private static String modifiers(int modifiers) {
    String text = Modifier.toString(modifiers & ~(Modifier.TRANSIENT | Modifier.VOLATILE));
    return text.isEmpty() ? "" : text + " ";
  }

  private static String name(Type type) {
    return type.getTypeName().replace('$', '.');
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static boolean exposed(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass()) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PublicApiDumpTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
