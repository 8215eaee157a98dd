package dev.envops.operator.lightsail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

  private static final Object[] VALUES = {"/", 5, 2, 2, 3, "200-499"};

  @Test
  void equalComponentsAreEqualAndAnyComponentThatDiffersIsNot() throws Exception {
    RecordComponent[] components = HealthCheck.class.getRecordComponents();
    assertThat(components).hasSameSizeAs(VALUES);
    HealthCheck check = make(VALUES);

    assertThat(check).isEqualTo(make(VALUES)).hasSameHashCodeAs(make(VALUES));
    for (int i = 0; i < components.length; i++) {
      Object[] changed = Arrays.copyOf(VALUES, VALUES.length);
      changed[i] = changed[i] instanceof String s ? s + "x" : (Integer) changed[i] + 1;
      assertThat(make(changed)).as(components[i].getName()).isNotEqualTo(check);
      changed[i] = null;
      assertThat(make(changed)).as(components[i].getName() + " null").isNotEqualTo(check);
      assertThat(make(changed)).isEqualTo(make(changed));
    }
    assertThat(check).isNotEqualTo(null).isNotEqualTo("/");
  }

  private static HealthCheck make(Object[] values) throws Exception {
    Class<?>[] types =
        Arrays.stream(HealthCheck.class.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    return HealthCheck.class.getDeclaredConstructor(types).newInstance(values);
  }
}
