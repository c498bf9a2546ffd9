package org.helpdesk.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Reads a stored session attribute that cannot be read (written by another version of the service, whose classes
 * or forms this one does not know, or damaged) as absent instead of failing the request: without its security
 * context the person is simply not signed in any more and is sent to sign in again, and signing in writes the
 * attribute anew. Only the failure is logged, never the attribute's bytes.
 */
@Component
class UnreadableSessionAttributes implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository>,
        BeanClassLoaderAware {

    private static final Logger log = LoggerFactory.getLogger(UnreadableSessionAttributes.class);

    private ClassLoader classLoader;

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void customize(JdbcIndexedSessionRepository repository) {
        DeserializingConverter deserializer = new DeserializingConverter(classLoader);
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class, bytes -> {
            try {
                return deserializer.convert(bytes);
            } catch (SerializationFailedException e) {
                log.warn("A stored session attribute could not be read and is taken as absent ({})",
                        NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
                return null;
            }
        });
        repository.setConversionService(conversions);
    }
}
