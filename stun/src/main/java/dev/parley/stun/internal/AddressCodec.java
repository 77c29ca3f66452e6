package dev.parley.stun.internal;

import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address value shared by MAPPED-ADDRESS and the XOR-ed address attributes (RFC 8489 §14.1,
 * §14.2): one zero byte, family (0x01 IPv4, 0x02 IPv6), port, then 4 or 16 address bytes. The XOR
 * form XORs the port with the top 16 bits of the magic cookie and the address with the cookie
 * (IPv4) or the cookie followed by the transaction id (IPv6). Stateless; thread-safe.
 */
public final class AddressCodec {

    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;
    private static final byte[] COOKIE = {0x21, 0x12, (byte) 0xA4, 0x42};

    private AddressCodec() {
    }

    public static InetSocketAddress decode(byte[] value, TransactionId xorWith, String name) throws StunParseException {
        if (value.length < 4) {
            throw new StunParseException(name + " shorter than 4 bytes");
        }
        int family = value[1] & 0xff;
        int addressLength = switch (family) {
            case FAMILY_IPV4 -> 4;
            case FAMILY_IPV6 -> 16;
            default -> throw new StunParseException(name + " with unknown address family " + family);
        };
        if (value.length != 4 + addressLength) {
            throw new StunParseException(name + " of length " + value.length + " for family " + family);
        }
        int port = ((value[2] & 0xff) << 8) | (value[3] & 0xff);
        byte[] address = new byte[addressLength];
        System.arraycopy(value, 4, address, 0, addressLength);
        if (xorWith != null) {
            port ^= 0x2112;
            xor(address, xorWith);
        }
        try {
            InetAddress ip = family == FAMILY_IPV4
                    ? InetAddress.getByAddress(address)
                    : Inet6Address.getByAddress(null, address, null);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new StunParseException(name + ": " + e.getMessage());
        }
    }

    public static byte[] encode(InetSocketAddress socketAddress, TransactionId xorWith) {
        InetAddress ip = socketAddress.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address: " + socketAddress);
        }
        byte[] address = ip.getAddress();
        byte[] value = new byte[4 + address.length];
        value[1] = (byte) (ip instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
        int port = socketAddress.getPort();
        if (xorWith != null) {
            port ^= 0x2112;
            xor(address, xorWith);
        }
        value[2] = (byte) (port >> 8);
        value[3] = (byte) port;
        System.arraycopy(address, 0, value, 4, address.length);
        return value;
    }

    private static void xor(byte[] address, TransactionId transactionId) {
        for (int i = 0; i < address.length; i++) {
            int key = i < 4 ? COOKIE[i] : transactionId.byteAt(i - 4);
            address[i] ^= (byte) key;
        }
    }
}
