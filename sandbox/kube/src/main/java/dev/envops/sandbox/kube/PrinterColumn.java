package dev.envops.sandbox.kube;

/** One column of {@code kubectl get} output, as a CRD's additionalPrinterColumns declare it. */
record PrinterColumn(
    String name, String type, String format, String description, int priority, String jsonPath) {

  static PrinterColumn age() {
    return new PrinterColumn(
        "Age",
        "date",
        "",
        "CreationTimestamp is a timestamp representing the server time when this object was"
            + " created.",
        0,
        ".metadata.creationTimestamp");
  }
}
