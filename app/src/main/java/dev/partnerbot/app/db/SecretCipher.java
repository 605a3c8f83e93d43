package dev.partnerbot.app.db;

import dev.partnerbot.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for credentials the database holds (Slack bot tokens), with the JDK's AES-256-GCM:
 * a fresh 12-byte IV per value, a 128-bit tag, and the row's identity as associated data so that a value
 * cannot be moved to another row. Stored form: {@code enc:v1:<key id>:<base64(iv || ciphertext+tag)>}, the
 * key id being the first 8 hex digits of SHA-256 of the key. Values without the prefix are clear text
 * (rows written before encryption was turned on); {@link #decrypt} passes them through.
 *
 * <p>Rotation: start with the new key as {@code PARTNERBOT_ENCRYPTION_KEY} and the old one as
 * {@code PARTNERBOT_ENCRYPTION_KEY_PREVIOUS}; values under the old key are read and re-encrypted under the
 * new one at start-up (see {@link EncryptedColumns}); then drop the previous key. Errors never include a value.
 */
public final class SecretCipher {
    static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Key current;
    private final Optional<Key> previous;
    private final SecureRandom random = new SecureRandom();

    private record Key(String id, SecretKeySpec spec) {
    }

    private SecretCipher(Key current, Optional<Key> previous) {
        this.current = current;
        this.previous = previous;
    }

    /** A cipher for the configured keys; empty when no key is configured. */
    public static Optional<SecretCipher> of(Optional<Secret> key, Optional<Secret> previousKey) {
        return key.map(k -> new SecretCipher(key(k), previousKey.map(SecretCipher::key)));
    }

    private static Key key(Secret secret) {
        String v = secret.reveal().strip();
        byte[] bytes = v.contains("-") || v.contains("_") ? Base64.getUrlDecoder().decode(v) : Base64.getDecoder().decode(v);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an encryption key must be 32 bytes");
        }
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
            return new Key(id, new SecretKeySpec(bytes, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The id of the key a stored value was encrypted with, or empty for clear text. */
    static Optional<String> keyId(String stored) {
        if (!isEncrypted(stored)) {
            return Optional.empty();
        }
        int colon = stored.indexOf(':', PREFIX.length());
        return colon < 0 ? Optional.of("?") : Optional.of(stored.substring(PREFIX.length(), colon));
    }

    /** Whether the value is encrypted under the current key (false for clear text or the previous key). */
    public boolean current(String stored) {
        return keyId(stored).filter(current.id()::equals).isPresent();
    }

    /** Encrypts {@code clear} under the current key, bound to {@code context} (e.g. table, column and row key). */
    public String encrypt(String clear, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The clear value of a stored one (clear text passes through).
     *
     * @throws WrongKeyException when the value was encrypted under a key that is not configured, or does
     *                           not authenticate (wrong key, tampered value, or moved to another row)
     */
    public String decrypt(String stored, String context) {
        return decrypt(Optional.of(this), stored, context);
    }

    /** As {@link #decrypt(String, String)}, also when no key is configured (then encrypted values throw). */
    public static String decrypt(Optional<SecretCipher> cipher, String stored, String context) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        if (cipher.isEmpty()) {
            throw new WrongKeyException("the database holds encrypted tokens but PARTNERBOT_ENCRYPTION_KEY is not set");
        }
        String id = keyId(stored).orElseThrow();
        SecretCipher self = cipher.get();
        Key key = self.current.id().equals(id) ? self.current
                : self.previous.filter(p -> p.id().equals(id)).orElseThrow(() -> new WrongKeyException(
                        "a stored token was encrypted under key " + id + ", which is neither PARTNERBOT_ENCRYPTION_KEY ("
                                + self.current.id() + ") nor PARTNERBOT_ENCRYPTION_KEY_PREVIOUS"));
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length() + id.length() + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WrongKeyException("a stored token does not decrypt with key " + id + " (wrong key or altered value)");
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key " + current.id() + previous.map(p -> ", previous " + p.id()).orElse("") + "]";
    }

    /** A stored secret cannot be read with the configured keys. The message names key ids, never values. */
    public static final class WrongKeyException extends IllegalStateException {
        public WrongKeyException(String message) {
            super(message);
        }
    }
}
