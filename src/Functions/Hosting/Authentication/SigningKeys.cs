using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>
/// The keys of <c>auth.signingKeys</c>. Each entry is one of: a PEM public key (<c>-----BEGIN PUBLIC KEY-----</c>,
/// RSA or EC) or certificate (<c>-----BEGIN CERTIFICATE-----</c>); a JWKS document (<c>{"keys":[…]}</c>) or a single
/// JWK object; or a shared secret for HS256/384/512 written <c>hmac:</c> followed by the secret in base64 (at least
/// 32 bytes). Private keys are refused: the host only verifies.
/// </summary>
public static class SigningKeys
{
    public const string HmacPrefix = "hmac:";

    /// <summary>The smallest shared secret accepted: 256 bits, what HS256 needs.</summary>
    public const int MinimumSecretBytes = 32;

    private const string Setting = "host.json extensions.taskFunctions.auth.signingKeys";

    public static IReadOnlyList<SecurityKey> Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var keys = new List<SecurityKey>();
        var index = 0;
        foreach (var entry in entries)
        {
            keys.AddRange(ParseOne(entry.Trim(), index++));
        }

        return keys;
    }

    private static IEnumerable<SecurityKey> ParseOne(string entry, int index)
    {
        if (entry.StartsWith(HmacPrefix, StringComparison.OrdinalIgnoreCase))
        {
            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(entry[HmacPrefix.Length..].Trim());
            }
            catch (FormatException e)
            {
                throw Invalid(index, "the text after 'hmac:' is not base64", e);
            }

            return secret.Length >= MinimumSecretBytes
                ? [new SymmetricSecurityKey(secret)]
                : throw Invalid(index, $"the shared secret is {secret.Length} bytes; at least {MinimumSecretBytes} are needed");
        }

        if (entry.StartsWith('{'))
        {
            return ParseJwks(entry, index);
        }

        if (entry.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw Invalid(index, "it is a private key; give the public key only");
        }

        if (entry.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            try
            {
                return [new X509SecurityKey(X509Certificate2.CreateFromPem(entry))];
            }
            catch (CryptographicException e)
            {
                throw Invalid(index, "the certificate cannot be read", e);
            }
        }

        if (entry.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return [ParsePublicKey(entry, index)];
        }

        throw Invalid(index, "expected a PEM public key or certificate, JWKS JSON, or 'hmac:<base64 secret>'");
    }

    private static SecurityKey ParsePublicKey(string pem, int index)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // Not RSA: try EC below.
        }

        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw Invalid(index, "the PEM is neither an RSA nor an EC public key", e);
        }
    }

    private static IEnumerable<SecurityKey> ParseJwks(string json, int index)
    {
        try
        {
            // Keys published for encryption only are not signing keys.
            IList<JsonWebKey> keys = json.Contains("\"keys\"", StringComparison.Ordinal)
                ? new JsonWebKeySet(json).Keys
                : [new JsonWebKey(json)];
            keys = keys.Where(k => k.Use is null or "sig").ToList();
            if (keys.Count == 0)
            {
                throw Invalid(index, "the JWKS has no usable signing key");
            }

            if (keys.Any(k => k.D is not null))
            {
                throw Invalid(index, "the JWK holds a private key; give the public key only");
            }

            return keys;
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            throw Invalid(index, "the JSON is not a JWK or JWKS", e);
        }
    }

    private static HostConfigurationException Invalid(int index, string reason, Exception? inner = null) =>
        new($"{Setting}[{index}] is not a usable key: {reason}.", inner);
}
