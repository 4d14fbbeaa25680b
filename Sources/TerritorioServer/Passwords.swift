import HummingbirdBcrypt
import TerritorioKit

/// Password hashing for accounts (bcrypt) and generated first passwords.
public enum Passwords {
    /// The shortest password an account may have.
    public static let minimumLength = 12

    /// The bcrypt hash of `password`.
    public static func hash(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// A random password of 20 letters and digits (about 119 bits), easy to type.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
