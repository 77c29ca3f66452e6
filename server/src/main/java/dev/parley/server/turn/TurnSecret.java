package dev.parley.server.turn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The TURN REST-API shared secret, generated into the data dir on first start and kept (mode 600). */
public final class TurnSecret {

    static final String FILE = "turn-secret";

    private TurnSecret() {
    }

    public static String loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            String secret = Files.readString(file).strip();
            if (secret.length() >= 16) {
                return secret;
            }
        }
        Files.createDirectories(dataDir);
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n");
        return secret;
    }
}
