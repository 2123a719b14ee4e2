package org.bourse.platform;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json answer from places that run before Spring MVC: filters and security entry points. */
@Component
public final class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatusCode status, String code, String detail,
               List<FieldViolation> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(Problem.MEDIA_TYPE.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Problem.of(status, code, detail, errors));
        response.flushBuffer();
    }

    public void write(HttpServletResponse response, HttpStatusCode status, String code, String detail) throws IOException {
        write(response, status, code, detail, List.of());
    }
}
