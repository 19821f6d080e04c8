// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.local.CorpusLoader;
import dev.ayo4j.server.AppService.Upload;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.jspecify.annotations.Nullable;

/**
 * The documents of a {@code multipart/form-data} upload ({@code curl -F file=@notes.md}), parsed as it
 * streams in by Apache Commons FileUpload: each file part is one document whose id is its file name, or
 * the value of an {@code id} field sent just before it ({@code -F id=notes/a.md -F file=@a.md}). A file's
 * bytes are read as {@code ayo4j run --docs} reads files (strict UTF-8, nothing binary); one that is not
 * text is a 422 naming the file. The upload's limits hold as in the JSON form: the body's size (413 as soon
 * as it passes the limit) and the number of documents (413).
 */
final class MultipartDocuments {
    /** The form field that names the next file's document id. */
    static final String ID_FIELD = "id";

    private MultipartDocuments() {}

    /** Whether {@code req} is a multipart form upload. */
    static boolean isMultipart(ServerRequest req) {
        return req.headers().contentType().map(t -> t.test(MediaTypes.MULTIPART_FORM_DATA)).orElse(false);
    }

    /** The documents of the upload {@code req}, within {@code limits}. */
    static List<Upload> read(ServerRequest req, Limits limits) {
        Http.requireDeclaredLength(req, limits.maxUploadBytes());
        Parser parser = new Parser();
        parser.setSizeMax(limits.maxUploadBytes());
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        List<Upload> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            FileItemInputIterator parts = parser.getItemIterator(req);
            String nextId = null;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                String param = "files[" + out.size() + "]";
                if (part.isFormField()) {
                    if (!ID_FIELD.equals(part.getFieldName())) {
                        throw ApiException.invalid(part.getFieldName(), "unknown form field '"
                                + Names.abbreviate(String.valueOf(part.getFieldName())) + "': send files, each after an"
                                + " optional '" + ID_FIELD + "' field naming its document id");
                    }
                    nextId = text(part.getInputStream()).strip();
                    continue;
                }
                if (out.size() == limits.maxDocumentsPerUpload()) {
                    throw ApiException.tooLarge("files", "an upload may hold at most " + limits.maxDocumentsPerUpload()
                            + " documents; this one holds more");
                }
                String file = part.getName();
                String id = Names.requireDocumentId(nextId != null ? nextId : file, param);
                nextId = null;
                if (!seen.add(id)) {
                    throw ApiException.invalid(param, "document id '" + id + "' appears twice in the upload");
                }
                out.add(new Upload(id, document(file, part.getInputStream())));
            }
            if (nextId != null) {
                throw ApiException.invalid(ID_FIELD, "the last '" + ID_FIELD + "' field ('" + Names.abbreviate(nextId)
                        + "') is followed by no file");
            }
        } catch (FileUploadSizeException e) {
            throw ApiException.tooLarge(null, "upload is over the limit of " + limits.maxUploadBytes() + " bytes");
        } catch (FileUploadException e) {
            throw ApiException.invalid(null, "the multipart body cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw ApiException.invalid("files", "the upload holds no file: send each document as a file part "
                    + "(curl -F file=@notes.md)");
        }
        return out;
    }

    /** A file part's bytes as a document's text; a 422 naming the file when they are not text. */
    private static String document(String file, InputStream in) throws IOException {
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        try {
            return CorpusLoader.decodeText(bytes);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("files", "file '" + Names.abbreviate(file) + "' is not a text document: "
                    + e.getMessage());
        }
    }

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Commons FileUpload over a Helidon request; only the streaming iterator is used. */
    private static final class Parser extends AbstractFileUpload<ServerRequest, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(ServerRequest req) throws FileUploadException, IOException {
            return getItemIterator(context(req));
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(ServerRequest req) throws FileUploadException {
            throw new UnsupportedOperationException("uploads are streamed, not stored");
        }

        @Override
        public List<DiskFileItem> parseRequest(ServerRequest req) throws FileUploadException {
            throw new UnsupportedOperationException("uploads are streamed, not stored");
        }

        private static RequestContext context(ServerRequest req) {
            return new RequestContext() {
                @Override
                public @Nullable String getCharacterEncoding() {
                    return req.headers().contentType().flatMap(HttpMediaType::charset).orElse(null);
                }

                @Override
                public long getContentLength() {
                    return req.headers().contentLength().orElse(-1);
                }

                @Override
                public @Nullable String getContentType() {
                    // The header as sent: the boundary exactly as the client wrote it.
                    return req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
                }

                @Override
                public InputStream getInputStream() {
                    return req.content().inputStream();
                }

                @Override
                public boolean isMultipartRelated() {
                    return false;
                }
            };
        }
    }
}
