package org.bourse.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold a secret (the JWT signing key, the admin bootstrap token): readable by their owner only,
 * and written so that no reader can ever find one empty or half written.
 */
public final class SecretFiles {

    private static final Set<PosixFilePermission> OTHERS_MAY_ACCESS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /**
     * Creates {@code file} holding {@code content} (US-ASCII), mode 600: written to a temporary file in the same
     * directory, forced to disk, then linked into place (and the directory forced), so a reader sees either no
     * file or all of it. The first writer wins: when the file exists already, it is left as it is.
     *
     * @return true when this call created the file, false when it existed already
     */
    public static boolean createOwnerOnly(Path file, String content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = createTemporary(directory, file.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (!linkIntoPlace(temporary, file)) {
                return false;
            }
            forceDirectory(directory);
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Whether group or others have any access to {@code file}; false where the file system has no POSIX modes. */
    public static boolean othersMayAccess(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.stream().anyMatch(OTHERS_MAY_ACCESS::contains);
        } catch (UnsupportedOperationException notPosix) {
            return false;
        }
    }

    /** The file's mode as {@code ls} shows it ({@code rw-r--r--}), or "unknown" without POSIX modes. */
    public static String mode(Path file) throws IOException {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException notPosix) {
            return "unknown";
        }
    }

    private static Path createTemporary(Path directory, String name) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        try {
            // owner-only from its creation: the secret is never readable by others, not even briefly
            return Files.createTempFile(directory, "." + name + ".", ".tmp", ownerOnly);
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(directory, "." + name + ".", ".tmp");
        }
    }

    /** A hard link fails when the target exists, unlike a rename, which would replace the other writer's file. */
    private static boolean linkIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary);
            return true;
        } catch (FileAlreadyExistsException otherWriterFirst) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (Files.exists(file)) {
                return false;
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** Makes the new directory entry durable; some platforms cannot open a directory, which then stays as is. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // the file itself is forced; only its directory entry could be lost to a power cut here
        }
    }
}
