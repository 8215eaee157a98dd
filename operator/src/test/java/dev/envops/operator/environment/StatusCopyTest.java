package dev.envops.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link EnvironmentStatus#copy()} and {@code equals} replace a JSON round trip: every stored
 * field, found by reflection so that a field added later is covered, must be copied, compared and
 * not shared.
 */
class StatusCopyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicLong values = new AtomicLong();

  @Test
  void aCopyStoresTheSameAsTheOriginalAndEqualsIt() throws Exception {
    EnvironmentStatus original = filled(EnvironmentStatus.class);

    EnvironmentStatus copy = original.copy();

    assertThat(JSON.writeValueAsString(copy)).isEqualTo(JSON.writeValueAsString(original));
    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
  }

  @Test
  void changingAnyStoredFieldOfACopyMakesItDifferentAndLeavesTheOriginalAlone() throws Exception {
    EnvironmentStatus original = filled(EnvironmentStatus.class);
    String stored = JSON.writeValueAsString(original);
    List<String> paths = new ArrayList<>();
    storedFields(EnvironmentStatus.class, "", paths);
    assertThat(paths).contains("conditions[0].reason", "history[0].admittedBy", "lightsail.url");

    for (String path : paths) {
      EnvironmentStatus copy = original.copy();
      change(copy, path);
      assertThat(copy).as(path).isNotEqualTo(original);
      assertThat(JSON.writeValueAsString(original)).as(path).isEqualTo(stored);
    }
  }

  @Test
  void whatAPassOnlyNotesForItselfIsNeitherCopiedNorCompared() {
    EnvironmentStatus original = filled(EnvironmentStatus.class);
    original.setAdmittedBy("ReadyIn qa");

    EnvironmentStatus copy = original.copy();

    assertThat(copy.getAdmittedBy()).isNull();
    assertThat(copy).isEqualTo(original);
  }

  @Test
  void anEmptyStatusCopiesToAnEqualOne() {
    EnvironmentStatus empty = new EnvironmentStatus();

    assertThat(empty.copy()).isEqualTo(empty).isNotSameAs(empty);
  }

  private <T> T filled(Class<T> type) {
    try {
      T object = type.getDeclaredConstructor().newInstance();
      for (Field field : stored(type)) {
        field.set(object, value(field));
      }
      return object;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private Object value(Field field) {
    Class<?> type = field.getType();
    long n = values.incrementAndGet();
    if (type == String.class) {
      return "v" + n;
    }
    if (type == Long.class) {
      return n;
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[(int) (n % constants.length)];
    }
    if (type == List.class) {
      Class<?> element =
          (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
      return new ArrayList<>(List.of(filled(element)));
    }
    return filled(type);
  }

  private static List<Field> stored(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())
          && !field.isAnnotationPresent(JsonIgnore.class)) {
        field.setAccessible(true);
        fields.add(field);
      }
    }
    return fields;
  }

  private static void storedFields(Class<?> type, String prefix, List<String> paths) {
    for (Field field : stored(type)) {
      String path = prefix + field.getName();
      paths.add(path);
      Class<?> nested =
          field.getType() == List.class
              ? (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0]
              : field.getType();
      if (nested.getPackage() == EnvironmentStatus.class.getPackage() && !nested.isEnum()) {
        storedFields(nested, path + (field.getType() == List.class ? "[0]." : "."), paths);
      }
    }
  }

  /** Changes the value at a path like {@code conditions[0].reason} in place. */
  private static void change(Object root, String path) throws ReflectiveOperationException {
    Object owner = root;
    String[] steps = path.split("\\.");
    for (int i = 0; i < steps.length - 1; i++) {
      owner = step(owner, steps[i]);
    }
    Field field = field(owner.getClass(), steps[steps.length - 1]);
    Object current = field.get(owner);
    field.set(owner, changed(field.getType(), current));
  }

  private static Object step(Object owner, String step) throws ReflectiveOperationException {
    boolean indexed = step.endsWith("[0]");
    Object value = field(owner.getClass(), indexed ? step.replace("[0]", "") : step).get(owner);
    return indexed ? ((List<?>) value).get(0) : value;
  }

  private static Object changed(Class<?> type, Object current) {
    if (type == String.class) {
      return current + "-changed";
    }
    if (type == Long.class) {
      return (Long) current + 1000;
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[(List.of(constants).indexOf(current) + 1) % constants.length];
    }
    if (type == List.class) {
      return new ArrayList<>();
    }
    return null;
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }
}
