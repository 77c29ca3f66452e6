package dev.parley.server;

import java.io.IOException;
import picocli.CommandLine;

/** Entry point: {@code java -jar parley.jar [options]}; {@code --help} lists the options. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = ParleyCommand.commandLine(new ParleyCommand(System.out), args).execute(args);
        } catch (IOException e) {
            System.err.println("parley: " + e.getMessage());
            exit = 2;
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
