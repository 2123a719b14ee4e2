package org.bourse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Bourse server: one Spring Boot application, one package per domain module. */
@SpringBootApplication
public class BourseApplication {

    public static void main(String[] args) {
        SpringApplication.run(BourseApplication.class, args);
    }
}
