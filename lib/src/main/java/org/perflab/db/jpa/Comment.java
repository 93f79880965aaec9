package org.perflab.db.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** A row of {@link org.perflab.db.BlogDataset}'s {@code comments} table, as a JPA entity. */
@Entity
@Table(name = "comments")
public class Comment {

    @Id
    private long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    private Post post;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private Author author;

    private String body;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    protected Comment() {
    }

    public long getId() {
        return id;
    }

    public Post getPost() {
        return post;
    }

    public Author getAuthor() {
        return author;
    }

    public String getBody() {
        return body;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Comment[" + id + " on post " + (post == null ? null : post.getId()) + "]";
    }
}
