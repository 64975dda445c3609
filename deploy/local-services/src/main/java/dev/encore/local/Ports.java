package dev.encore.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks, so that a taken port is reported before a service fails on it obscurely. */
public final class Ports {
    private Ports() {
    }

    /** A port that was free a moment ago; good enough for tests that start services on random ports. */
    public static int findFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalServiceException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** Fails with a one-line message naming the option that moves the service elsewhere. */
    public static void requireFree(int port, String service, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new LocalServiceException("port " + port + " for the " + service
                    + " is already taken: stop whatever uses it, or choose another with " + option);
        }
    }
}
