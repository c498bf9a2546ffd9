package org.helpdesk.passes;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/** Draws passes from the CSPRNG, each character uniformly from the character set. */
@Component
class PassGenerator {

    private final SecureRandom random;

    PassGenerator(SecureRandom random) {
        this.random = random;
    }

    String generate(int length, CharacterSet characterSet) {
        String alphabet = characterSet.alphabet();
        char[] pass = new char[length];
        for (int i = 0; i < length; i++) {
            pass[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(pass);
    }
}
