export declare const hostileBodies: Record<string, (size: number) => string>;
