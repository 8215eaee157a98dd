package dev.envops.sandbox.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Creates the simulators' JDK HTTP servers with TCP_NODELAY, as real API front ends answer. */
public final class LoopbackHttpServers {

  static {
    // Read once by the JDK's server configuration: without it, Nagle's algorithm and delayed ACKs
    // add about 40 ms to every small answer, which no real API adds.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private LoopbackHttpServers() {}

  public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
    return HttpServer.create(address, backlog);
  }
}
