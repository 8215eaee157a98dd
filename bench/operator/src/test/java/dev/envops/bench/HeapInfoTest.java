package dev.envops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapInfoTest {

  @Test
  void addsTheSerialCollectorsYoungAndTenuredGenerations() {
    String serial =
        """
        1679:
         def new generation   total 23104K, used 10933K [0x00000000fa000000, 0x00000000fb910000)
          eden space 20544K,  46% used [0x00000000fa000000, 0x00000000fa940b30, 0x00000000fb410000)
          from space 2560K,  56% used [0x00000000fb690000, 0x00000000fb7fc9d8, 0x00000000fb910000)
          to   space 2560K,   0% used [0x00000000fb410000, 0x00000000fb410000, 0x00000000fb690000)
         tenured generation   total 50136K, used 46735K [0x00000000fc000000, 0x00000000ff0f6000)
           the space 50136K,  93% used [0x00000000fc000000, 0x00000000feda3ea8, 0x00000000feda4000)
         Metaspace       used 47588K, committed 48384K, reserved 147456K
          class space    used 6207K, committed 6528K, reserved 81920K
        """;

    assertThat(HeapInfo.usedKib(serial)).isEqualTo(10933 + 46735);
  }

  @Test
  void readsG1sSingleHeapLine() {
    String g1 =
        """
        4242:
         garbage-first heap   total 59392K, used 31456K [0x0000000080000000, 0x0000000100000000)
          region size 1024K, 12 young (12288K), 2 survivors (2048K)
         Metaspace       used 41000K, committed 41500K, reserved 1089536K
        """;

    assertThat(HeapInfo.usedKib(g1)).isEqualTo(31456);
  }

  @Test
  void saysSoWhenTheOutputNamesNoHeap() {
    assertThat(HeapInfo.usedKib("4242:\nCould not attach")).isEqualTo(-1);
  }
}
